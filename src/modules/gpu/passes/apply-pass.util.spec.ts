/** @jest-environment ./test/support/onnxruntime-environment.js */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { decodeModel, encodeModel } from '../onnx/onnx-proto.js';
import { applyLevelToBytes, applyStepsToBytes, runStep } from './apply-pass.util.js';
import { levelGate, OPTIMIZATION_LEVELS, OptimizationLevel } from './optimization-levels.constants.js';
import { fingerprint, mlpWithNewerNodeField, testMlp, validate } from './pass-test.util.js';
import { PassName } from './pass.types.js';

const sileroV5 = (): Uint8Array => readFileSync(createRequire(import.meta.url).resolve('@ricky0123/vad-web/dist/silero_vad_v5.onnx'));

describe('applyStepsToBytes', () => {
  describe('Silero VAD v5 (weights in Constant nodes inside If subgraphs)', () => {
    it.each(Object.values(OptimizationLevel))('says nothing to quantize at level %s and hands back the very same bytes', (level) => {
      const bytes = sileroV5();
      const copy = Buffer.from(bytes);
      const result = applyLevelToBytes(bytes, level);
      expect(result.bytes).toBe(bytes);
      expect(Buffer.compare(bytes, copy)).toBe(0);
      for (const report of result.reports) {
        expect(report.changed).toEqual([]);
        expect(report.summary).toMatch(/^nothing to quantize/);
        expect(report.skipped).toContainEqual({ node: 'If_0', reason: 'If holds a subgraph: weights inside subgraphs are not rewritten' });
      }
    });

    it.each(Object.values(PassName))('leaves the decoded model unchanged with pass %s', (pass) => {
      const model = decodeModel(sileroV5());
      const before = fingerprint(model);
      const options = pass === PassName.INT4_BLOCKED ? { blockSize: 32 } : pass === PassName.DYNAMIC_INT8 ? { perChannel: false } : { sparsity: 0.5 };
      const result = runStep(model, { options, pass } as Parameters<typeof runStep>[1]);
      expect(result.report.changed).toEqual([]);
      expect(fingerprint(result.model)).toBe(before);
      expect(fingerprint(model)).toBe(before);
    });
  });

  describe('unknown fields', () => {
    it('refuses a model carrying a field newer than IR 8 that a round trip would drop, bytes untouched', () => {
      const bytes = mlpWithNewerNodeField();
      expect(decodeModel(bytes).graph?.node?.[0]?.name).toBe('layer0.matmul');
      // What the guard prevents: a decode/encode round trip silently loses the field.
      expect(encodeModel(decodeModel(bytes)).length).toBe(bytes.length - 5);
      const result = applyLevelToBytes(bytes, OptimizationLevel.ADVANCED);
      expect(result.bytes).toBe(bytes);
      expect(result.reports).toEqual([]);
      expect(result.refused).toBe('the model has fields newer than ONNX IR 8 that a rewrite would drop: ModelProto.GraphProto.NodeProto.field#9');
    });

    it('rewrites a model with only known fields', () => {
      const bytes = encodeModel(testMlp());
      const result = applyStepsToBytes(bytes, OPTIMIZATION_LEVELS[OptimizationLevel.BASIC]);
      expect(result.refused).toBeUndefined();
      expect(result.reports[0]?.changed).toEqual(['layer0.matmul', 'layer1.matmul']);
      expect(result.bytes).not.toBe(bytes);
    });
  });

  describe('levels', () => {
    it.each(Object.values(OptimizationLevel))('keeps an MLP within the %s gate in onnxruntime', async (level) => {
      const model = testMlp([64, 256, 32]);
      const result = applyLevelToBytes(encodeModel(model), level);
      expect(result.reports.every((report) => report.changed.length > 0)).toBe(true);
      await expect(validate(model, decodeModel(result.bytes), levelGate(level))).resolves.toMatchObject({ loaded: true, passed: true });
    });
  });
});
