/** @jest-environment ./test/support/onnxruntime-environment.js */
import { buildMlpModel } from '../onnx/mlp-model.builder.js';
import { DataType } from '../onnx/onnx-tensor.util.js';
import { dynamicInt8Pass } from './dynamic-int8.pass.js';
import { PASS_GATES } from './optimization-levels.constants.js';
import { fingerprint, opTypes, testMlp, validate } from './pass-test.util.js';
import { PassName } from './pass.types.js';

describe('dynamicInt8Pass', () => {
  describe('dynamicInt8Pass', () => {
    it('rewrites every MatMul into the MatMulInteger path and stays within the INT8 gate in onnxruntime', async () => {
      const model = testMlp();
      const { model: quantized, report } = dynamicInt8Pass(model);
      expect(report.changed).toEqual(['layer0.matmul', 'layer1.matmul']);
      expect(opTypes(quantized)).not.toContain('MatMul');
      expect(opTypes(quantized).slice(0, 5)).toEqual(['DynamicQuantizeLinear', 'MatMulInteger', 'Cast', 'Mul', 'Mul']);
      const weights = (quantized.graph?.initializer ?? []).filter((tensor) => tensor.dataType === DataType.INT8 && (tensor.dims ?? []).length === 2);
      expect(weights.map((tensor) => tensor.name)).toEqual(['layer0.weight_quantized', 'layer1.weight_quantized']);
      expect((quantized.graph?.initializer ?? []).map((tensor) => tensor.name)).not.toContain('layer0.weight');
      const validation = await validate(model, quantized, PASS_GATES[PassName.DYNAMIC_INT8]);
      expect(validation).toMatchObject({ loaded: true, passed: true });
      expect(validation.maxRelError).toBeGreaterThan(0);
    });

    it('stays within the gate with per-channel weight scales (7-bit by default, safe without VNNI)', async () => {
      const model = testMlp();
      const { model: quantized } = dynamicInt8Pass(model, { perChannel: true });
      const scale = (quantized.graph?.initializer ?? []).find((tensor) => tensor.name === 'layer0.weight_scale');
      expect(scale?.dims).toEqual([128]);
      await expect(validate(model, quantized, PASS_GATES[PassName.DYNAMIC_INT8])).resolves.toMatchObject({ loaded: true, passed: true });
    });

    it('uses the full int8 range when reduceRange is off', () => {
      const { model: quantized } = dynamicInt8Pass(testMlp(), { reduceRange: false });
      const weight = (quantized.graph?.initializer ?? []).find((tensor) => tensor.name === 'layer0.weight_quantized');
      const codes = new Int8Array(weight?.rawData?.buffer ?? new ArrayBuffer(0), weight?.rawData?.byteOffset, weight?.rawData?.byteLength);
      expect(Math.max(...codes.map(Math.abs))).toBe(127);
    });

    it('leaves its input model untouched', () => {
      const model = testMlp();
      const before = fingerprint(model);
      dynamicInt8Pass(model);
      expect(fingerprint(model)).toBe(before);
    });

    it('reports nothing to quantize when the weights sit in Constant nodes, and changes nothing', () => {
      const model = buildMlpModel({ seed: 7, sizes: [64, 128, 32], weightsIn: 'constant' });
      const { model: result, report } = dynamicInt8Pass(model);
      expect(report.changed).toEqual([]);
      expect(report.summary).toMatch(/^nothing to quantize/);
      expect(report.skipped).toContainEqual({ node: 'layer0.matmul', reason: 'weight layer0.weight is held in a Constant node, not an initializer' });
      expect(fingerprint(result)).toBe(fingerprint(model));
    });

    it('skips every MatMul when the opset has no DynamicQuantizeLinear', () => {
      const model = buildMlpModel({ opset: 10, seed: 7, sizes: [64, 32] });
      const { report } = dynamicInt8Pass(model);
      expect(report.skipped).toEqual([{ node: 'layer0.matmul', reason: 'opset 10 < 11 has no DynamicQuantizeLinear' }]);
    });
  });
});
