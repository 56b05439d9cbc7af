/** @jest-environment ./test/support/onnxruntime-environment.js */
import { buildMlpModel } from '../onnx/mlp-model.builder.js';
import { tensorDims } from '../onnx/onnx-tensor.util.js';
import { PASS_GATES } from './optimization-levels.constants.js';
import { fingerprint, opTypes, testMlp, validate } from './pass-test.util.js';
import { PassName } from './pass.types.js';
import { weightOnlyInt8Pass } from './weight-only-int8.pass.js';

describe('weightOnlyInt8Pass', () => {
  describe('weightOnlyInt8Pass', () => {
    it('feeds each MatMul from a per-column DequantizeLinear and stays within its gate in onnxruntime', async () => {
      const model = testMlp();
      const { model: quantized, report } = weightOnlyInt8Pass(model);
      expect(report.changed).toEqual(['layer0.matmul', 'layer1.matmul']);
      expect(opTypes(quantized).filter((op) => op === 'DequantizeLinear')).toHaveLength(2);
      const dequantize = (quantized.graph?.node ?? []).find((node) => node.opType === 'DequantizeLinear');
      expect((dequantize?.attribute ?? []).find((attribute) => attribute.name === 'axis')?.i).toBe(1);
      const scale = (quantized.graph?.initializer ?? []).find((tensor) => tensor.name === 'layer0.weight_scale');
      expect(scale === undefined ? [] : tensorDims(scale)).toEqual([128]);
      await expect(validate(model, quantized, PASS_GATES[PassName.WEIGHT_ONLY_INT8])).resolves.toMatchObject({ loaded: true, passed: true });
    });

    it('is more accurate than its gate needs on a deeper MLP', async () => {
      const model = testMlp([96, 256, 256, 16]);
      const validation = await validate(model, weightOnlyInt8Pass(model).model, PASS_GATES[PassName.WEIGHT_ONLY_INT8]);
      expect(validation.passed).toBe(true);
      expect(validation.maxRelError).toBeLessThan(PASS_GATES[PassName.WEIGHT_ONLY_INT8]);
    });

    it('leaves its input model untouched', () => {
      const model = testMlp();
      const before = fingerprint(model);
      weightOnlyInt8Pass(model);
      expect(fingerprint(model)).toBe(before);
    });

    it('skips every MatMul below opset 13, which has no per-axis DequantizeLinear', () => {
      const { report } = weightOnlyInt8Pass(buildMlpModel({ opset: 12, seed: 7, sizes: [64, 32] }));
      expect(report).toMatchObject({ changed: [], skipped: [{ node: 'layer0.matmul', reason: 'opset 12 < 13 has no per-axis DequantizeLinear' }] });
    });
  });
});
