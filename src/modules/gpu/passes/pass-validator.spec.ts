/** @jest-environment ./test/support/onnxruntime-environment.js */
import { GpuExceptionCode } from '../gpu.exception.js';
import { cloneModel } from '../onnx/onnx-graph.util.js';
import { OrtRunner } from '../onnx/ort-runner.adapter.js';
import { seededInputs } from '../onnx/seeded-inputs.util.js';
import { testMlp } from './pass-test.util.js';
import { compareOutputs, PassValidator } from './pass-validator.js';

describe(PassValidator.name, () => {
  const validator = new PassValidator(new OrtRunner());

  describe('validatePass', () => {
    it('finds no error between a model and its copy on the same seeded inputs', async () => {
      const model = testMlp();
      await expect(validator.validatePass(model, cloneModel(model), { inputs: { batch: 4, seed: 5 }, tolerance: 0 })).resolves.toEqual({
        loaded: true,
        maxRelError: 0,
        outputs: [{ maxAbsError: 0, maxRelError: 0, output: 'output', withinTolerance: true }],
        passed: true,
      });
    });

    it('runs explicit feeds when given', async () => {
      const model = testMlp();
      const report = await validator.validatePass(model, cloneModel(model), { inputs: seededInputs(model, { batch: 2 }), tolerance: 0 });
      expect(report.passed).toBe(true);
    });

    it('reports an optimised model onnxruntime refuses as not loaded and not passed, with its error', async () => {
      const model = testMlp();
      const broken = cloneModel(model);
      const first = broken.graph?.node?.[0];
      if (first !== undefined) {
        first.opType = 'NoSuchOp';
      }
      const report = await validator.validatePass(model, broken, { inputs: { batch: 2 }, tolerance: 1 });
      expect(report).toMatchObject({ loaded: false, outputs: [], passed: false });
      expect(report.error).toContain('NoSuchOp');
    });

    it('refuses an original that does not run with the module error', async () => {
      const broken = testMlp();
      const first = broken.graph?.node?.[0];
      if (first !== undefined) {
        first.opType = 'NoSuchOp';
      }
      await expect(validator.validatePass(broken, testMlp(), { inputs: { batch: 2 }, tolerance: 1 })).rejects.toMatchObject({ code: GpuExceptionCode.INVALID_MODEL });
    });
  });

  describe('compareOutputs', () => {
    it('measures error against the largest reference magnitude and flags missing outputs', () => {
      const reference = { a: { data: Float32Array.from([4, -2, 0]), dims: [3] }, b: { data: Float32Array.from([1]), dims: [1] } };
      const candidate = { a: { data: Float32Array.from([4, -1, 0.5]), dims: [3] } };
      expect(compareOutputs(reference, candidate, 0.2)).toEqual([
        { maxAbsError: 1, maxRelError: 0.25, output: 'a', withinTolerance: false },
        { maxAbsError: Infinity, maxRelError: Infinity, output: 'b', withinTolerance: false },
      ]);
    });
  });
});
