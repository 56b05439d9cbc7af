/** @jest-environment ./test/support/onnxruntime-environment.js */
import { readFloatTensor } from '../onnx/onnx-tensor.util.js';
import { PASS_GATES } from './optimization-levels.constants.js';
import { fingerprint, testMlp, validate } from './pass-test.util.js';
import { PassName } from './pass.types.js';
import { prunePass } from './prune.pass.js';

function weight(model: ReturnType<typeof testMlp>, name: string): Float32Array {
  const tensor = (model.graph?.initializer ?? []).find((candidate) => candidate.name === name);
  return tensor === undefined ? new Float32Array() : readFloatTensor(tensor);
}

describe('prunePass', () => {
  describe('unstructured', () => {
    it('zeroes the smallest weights to the sparsity, keeps the larger ones, and stays within its gate', async () => {
      const model = testMlp();
      const { model: pruned, report } = prunePass(model, { mode: 'unstructured', sparsity: 0.2 });
      expect(report.changed).toEqual(['layer0.matmul', 'layer1.matmul']);
      const before = weight(model, 'layer0.weight');
      const after = weight(pruned, 'layer0.weight');
      expect(after.filter((value) => value === 0)).toHaveLength(Math.floor(before.length * 0.2));
      const threshold = Math.max(...before.filter((_, i) => after[i] === 0).map(Math.abs));
      expect(before.every((value, i) => after[i] === value || Math.abs(value) <= threshold)).toBe(true);
      await expect(validate(model, pruned, PASS_GATES[PassName.PRUNE_UNSTRUCTURED])).resolves.toMatchObject({ loaded: true, passed: true });
    });
  });

  describe('structured', () => {
    it('zeroes whole output columns with the smallest L2 norm, never those of the output projection', async () => {
      const model = testMlp();
      const { model: pruned, report } = prunePass(model, { mode: 'structured', sparsity: 0.25 });
      expect(report.changed).toEqual(['layer0.matmul']);
      expect(report.skipped).toEqual([{ node: 'layer1.matmul', reason: 'feeds a graph output: removing its columns would zero model outputs' }]);
      const after = weight(pruned, 'layer0.weight');
      const zeroColumns = Array.from({ length: 128 }, (_, column) => column).filter((column) => after.filter((_, i) => i % 128 === column).every((value) => value === 0));
      expect(zeroColumns).toHaveLength(32);
      expect(after.filter((value) => value === 0)).toHaveLength(32 * 64);
      await expect(validate(model, pruned, PASS_GATES[PassName.PRUNE_STRUCTURED])).resolves.toMatchObject({ loaded: true, passed: true });
    });
  });

  describe('prunePass', () => {
    it('leaves its input model untouched and refuses a sparsity outside [0, 1)', () => {
      const model = testMlp();
      const before = fingerprint(model);
      prunePass(model, { mode: 'unstructured', sparsity: 0.5 });
      expect(fingerprint(model)).toBe(before);
      expect(() => prunePass(model, { mode: 'structured', sparsity: 1 })).toThrow('Sparsity');
    });
  });
});
