/** @jest-environment ./test/support/onnxruntime-environment.js */
import { opsetVersion } from '../onnx/onnx-graph.util.js';
import { tensorDims, toNumber } from '../onnx/onnx-tensor.util.js';
import { int4BlockedPass, MICROSOFT_DOMAIN } from './int4-blocked.pass.js';
import { PASS_GATES } from './optimization-levels.constants.js';
import { fingerprint, opTypes, testMlp, validate } from './pass-test.util.js';
import { PassName } from './pass.types.js';

describe('int4BlockedPass', () => {
  describe('int4BlockedPass', () => {
    it('writes MatMulNBits with packed [N, blocks, 16] weights that onnxruntime loads within the INT4 gate', async () => {
      const model = testMlp();
      const { model: quantized, report } = int4BlockedPass(model);
      expect(report.changed).toEqual(['layer0.matmul', 'layer1.matmul']);
      const node = (quantized.graph?.node ?? []).find((candidate) => candidate.opType === 'MatMulNBits');
      expect(node?.domain).toBe(MICROSOFT_DOMAIN);
      expect(Object.fromEntries((node?.attribute ?? []).map((attribute) => [attribute.name, toNumber(attribute.i)]))).toEqual({ K: 64, N: 128, bits: 4, block_size: 32 });
      const packed = (quantized.graph?.initializer ?? []).find((tensor) => tensor.name === node?.input?.[1]);
      expect(packed === undefined ? [] : tensorDims(packed)).toEqual([128, 2, 16]);
      expect(opsetVersion(quantized, MICROSOFT_DOMAIN)).toBe(1);
      await expect(validate(model, quantized, PASS_GATES[PassName.INT4_BLOCKED])).resolves.toMatchObject({ loaded: true, passed: true });
    });

    it('skips a MatMul whose K is not a multiple of the block, naming K and the block', async () => {
      const model = testMlp([48, 64, 32]);
      const { model: quantized, report } = int4BlockedPass(model);
      expect(report.changed).toEqual(['layer1.matmul']);
      expect(report.skipped).toEqual([{ node: 'layer0.matmul', reason: 'K=48 is not a multiple of the block size 32' }]);
      expect(opTypes(quantized)).toEqual(['MatMul', 'Add', 'Relu', 'MatMulNBits', 'Add']);
      await expect(validate(model, quantized, PASS_GATES[PassName.INT4_BLOCKED])).resolves.toMatchObject({ loaded: true, passed: true });
    });

    it('sets accuracy_level when asked, and onnxruntime still keeps it within the gate', async () => {
      const model = testMlp();
      const { model: quantized } = int4BlockedPass(model, { accuracyLevel: 4 });
      const node = (quantized.graph?.node ?? []).find((candidate) => candidate.opType === 'MatMulNBits');
      expect(toNumber((node?.attribute ?? []).find((attribute) => attribute.name === 'accuracy_level')?.i)).toBe(4);
      await expect(validate(model, quantized, PASS_GATES[PassName.INT4_BLOCKED])).resolves.toMatchObject({ loaded: true, passed: true });
    });

    it('takes another block size and refuses one MatMulNBits cannot run', () => {
      expect(int4BlockedPass(testMlp(), { blockSize: 64 }).report.changed).toEqual(['layer0.matmul', 'layer1.matmul']);
      expect(() => int4BlockedPass(testMlp(), { blockSize: 24 })).toThrow('power of two');
    });

    it('leaves its input model untouched', () => {
      const model = testMlp();
      const before = fingerprint(model);
      int4BlockedPass(model);
      expect(fingerprint(model)).toBe(before);
    });
  });
});
