/** @jest-environment ./test/support/onnxruntime-environment.js */
import { buildMlpModel } from '../onnx/mlp-model.builder.js';
import { OrtRunner } from '../onnx/ort-runner.adapter.js';
import { fp16Pass } from './fp16.pass.js';
import { PassValidator } from './pass-validator.js';
import { prunePass } from './prune.pass.js';

describe('scratch', () => {
  it('runs', async () => {
    const model = buildMlpModel({ sizes: [64, 128, 32] });
    const validator = new PassValidator(new OrtRunner());
    for (const result of [fp16Pass(model), prunePass(model, { mode: 'unstructured', sparsity: 0.3 }), prunePass(model, { mode: 'unstructured', sparsity: 0.5 }), prunePass(model, { mode: 'structured', sparsity: 0.1 }), prunePass(model, { mode: 'structured', sparsity: 0.25 })]) {
      console.log(JSON.stringify(result.report), JSON.stringify(await validator.validatePass(model, result.model, { inputs: { batch: 8 }, tolerance: 0.05 })));
    }
  });
});
