/** @jest-environment ./test/support/onnxruntime-environment.js */
import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import request from 'supertest';

import { encodeModel } from '../../src/modules/gpu/onnx/onnx-proto.js';
import { mlpWithNewerNodeField } from '../../src/modules/gpu/passes/pass-test.util.js';
import { buildMlpModel, levelGate, OptimizationLevel, PASS_GATES, PassName } from '../../src/modules/gpu/passes/index.js';
import { Scope } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { binaryBody } from '../support/binary-body.js';
import { bearer, issueApiKey } from '../support/principals.js';

interface ModelBody {
  id: string;
  name: string;
  sha256: string;
  sizeBytes: number;
  parentId: string | null;
  pass: string | null;
}

interface VariantBody extends ModelBody {
  report: { ops: Record<string, number> };
  reports: { pass: string; changed: string[]; summary: string }[];
  validation: { loaded: boolean; passed: boolean; maxRelError: number; outputs: { output: string; withinTolerance: boolean }[] };
}

interface Problem {
  code: string;
  detail: string;
  errors?: { field: string; message: string }[];
}

const mlpBytes = (seed: number, weightsIn: 'initializer' | 'constant' = 'initializer'): Buffer => Buffer.from(encodeModel(buildMlpModel({ seed, sizes: [64, 128, 32], weightsIn })));

function expectProblem(response: request.Response, status: number, code: string): Problem {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, code });
  return response.body as Problem;
}

describe('GPU model variants: /v1/models/:id/variants', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let writer: Record<string, string>;
  let reader: Record<string, string>;
  /** A model for the requests that must fail before any pass runs. */
  let target: ModelBody;
  const http = (): ReturnType<typeof request> => request(app.getHttpServer());
  const derive = (id: string, body: object, auth = writer): request.Test => http().post(`/v1/models/${id}/variants`).set(auth).send(body);
  const variants = (id: string, query: Record<string, string | number> = {}): request.Test => http().get(`/v1/models/${id}/variants`).query(query).set(reader);
  const download = (id: string): request.Test => http().get(`/v1/models/${id}/download`).set(reader).buffer(true).parse(binaryBody);

  async function upload(bytes: Buffer, name: string): Promise<ModelBody> {
    const response = await http().post('/v1/models').query({ name }).set(writer).set('Content-Type', 'application/octet-stream').send(bytes).expect(201);
    return response.body as ModelBody;
  }

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp({ DATABASE_URL: db.url, GPU_MODELS_DIR: mkdtempSync(join(tmpdir(), 'bulwark-variants-')) });
    writer = bearer(await issueApiKey(app, { scopes: [Scope.GPU_WRITE, Scope.GPU_READ], name: 'gpu writer' }));
    reader = bearer(await issueApiKey(app, { scopes: [Scope.GPU_READ], name: 'gpu reader' }));
    target = await upload(mlpBytes(100), 'target.onnx');
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  describe('POST /v1/models/:id/variants', () => {
    it('derives a level: 201, a smaller variant within the gate that onnxruntime loads and runs', async () => {
      const parent = await upload(mlpBytes(1), 'mlp.onnx');
      const response = await derive(parent.id, { level: 'advanced' }).expect(201);
      const variant = response.body as VariantBody;
      expect(response.headers.location).toBe(`/v1/models/${variant.id}`);
      expect(variant).toMatchObject({ name: 'mlp.onnx.level:advanced', parentId: parent.id, pass: 'level:advanced' });
      expect(variant.sizeBytes).toBeLessThan(parent.sizeBytes / 2);
      expect(variant.report.ops).toMatchObject({ 'ai.onnx::MatMulInteger': 2 });
      expect(variant.reports).toEqual([expect.objectContaining({ pass: PassName.DYNAMIC_INT8, changed: expect.arrayContaining([expect.any(String)]) })]);
      expect(variant.validation).toMatchObject({ loaded: true, passed: true, outputs: [{ output: 'output', withinTolerance: true }] });
      expect(variant.validation.maxRelError).toBeLessThanOrEqual(levelGate(OptimizationLevel.ADVANCED));

      const bytes = (await download(variant.id).expect(200)).body as Buffer;
      expect(bytes.length).toBe(variant.sizeBytes);
      const session = await ort.InferenceSession.create(bytes);
      try {
        const outputs = await session.run({ input: new ort.Tensor('float32', new Float32Array(2 * 64).fill(0.5), [2, 64]) });
        expect(outputs.output?.dims).toEqual([2, 32]);
      } finally {
        await session.release();
      }
      const detail = await http().get(`/v1/models/${variant.id}`).set(reader).expect(200);
      expect(detail.body).toMatchObject({ id: variant.id, parentId: parent.id });
    });

    it('derives from steps with options, defaulting the tolerance to the loosest gate of the steps', async () => {
      const parent = await upload(mlpBytes(2), 'steps.onnx');
      const response = await derive(parent.id, { steps: [{ pass: 'prune-unstructured', options: { sparsity: 0.1 } }, { pass: 'int4-blocked', options: { blockSize: 64 } }], seed: 5 }).expect(201);
      const variant = response.body as VariantBody;
      expect(variant).toMatchObject({ name: 'steps.onnx.prune-unstructured+int4-blocked', pass: 'prune-unstructured+int4-blocked' });
      expect(variant.reports.map((report) => report.pass)).toEqual([PassName.PRUNE_UNSTRUCTURED, PassName.INT4_BLOCKED]);
      expect(variant.validation.passed).toBe(true);
      expect(variant.validation.maxRelError).toBeLessThanOrEqual(PASS_GATES[PassName.INT4_BLOCKED]);
      expect(variant.sizeBytes).toBeLessThan(parent.sizeBytes / 4);
    });

    it('answers 422 GPU.NOTHING_TO_OPTIMIZE with the passes summaries when the weights sit in Constant nodes', async () => {
      const parent = await upload(mlpBytes(3, 'constant'), 'constants.onnx');
      const problem = expectProblem(await derive(parent.id, { level: 'basic' }), 422, 'GPU.NOTHING_TO_OPTIMIZE');
      expect(problem.detail).toMatch(/weight-only-int8: nothing to quantize/);
      expect(problem).toMatchObject({ summaries: [expect.stringMatching(/^weight-only-int8: nothing to quantize/)] });
      expect((await variants(parent.id).expect(200)).body).toEqual({ items: [], nextCursor: null });
    });

    it('answers 422 GPU.MODEL_REFUSED for a model carrying fields newer than the schema a rewrite would drop', async () => {
      const parent = await upload(Buffer.from(mlpWithNewerNodeField()), 'newer.onnx');
      const problem = expectProblem(await derive(parent.id, { level: 'advanced' }), 422, 'GPU.MODEL_REFUSED');
      expect(problem.detail).toMatch(/newer than ONNX IR 8/);
    });

    it('answers 422 GPU.ACCURACY_GATE_FAILED with per-output errors for an impossible tolerance, storing nothing', async () => {
      const parent = await upload(mlpBytes(4), 'tight.onnx');
      const problem = expectProblem(await derive(parent.id, { steps: [{ pass: 'dynamic-int8' }], tolerance: 1e-9 }), 422, 'GPU.ACCURACY_GATE_FAILED');
      expect(problem.detail).toMatch(/over the tolerance 1e-9/);
      expect(problem).toMatchObject({ loaded: true, tolerance: 1e-9, outputs: [{ output: 'output', withinTolerance: false, maxRelError: expect.any(Number) }] });
      expect((await variants(parent.id).expect(200)).body).toEqual({ items: [], nextCursor: null });
    });

    it.each([
      ['an unknown pass', { steps: [{ pass: 'int2-magic' }] }, 'steps.0.pass'],
      ['a block size INT4 does not take', { steps: [{ pass: 'int4-blocked', options: { blockSize: 48 } }] }, 'steps.0.options.blockSize'],
      ['a sparsity out of range', { steps: [{ pass: 'prune-structured', options: { sparsity: 0.99 } }] }, 'steps.0.options.sparsity'],
      ['perChannel that is not a boolean', { steps: [{ pass: 'dynamic-int8', options: { perChannel: 1 } }] }, 'steps.0.options.perChannel'],
      ['both a level and steps', { level: 'basic', steps: [{ pass: 'fp16' }] }, 'level'],
      ['neither', {}, 'level'],
      ['a tolerance over 1', { level: 'basic', tolerance: 2 }, 'tolerance'],
      ['an unknown field', { level: 'basic', turbo: true }, 'turbo'],
    ])('answers 400 for %s, naming the field', async (_label, body, field) => {
      const problem = expectProblem(await derive(target.id, body), 400, 'COMMON.VALIDATION_FAILED');
      expect(problem.errors?.map((error) => error.field)).toContain(field);
    });

    it('answers 404 for an unknown model and 400 for an id that is not one', async () => {
      expectProblem(await derive('00000000-0000-4000-8000-000000000000', { level: 'basic' }), 404, 'GPU.MODEL_NOT_FOUND');
      await derive('not-a-uuid', { level: 'basic' }).expect(400);
    });

    it('needs gpu:write', async () => {
      const parent = await upload(mlpBytes(6), 'scopes.onnx');
      expectProblem(await derive(parent.id, { level: 'basic' }, reader), 403, 'SECURITY.INSUFFICIENT_SCOPE');
      await http().post(`/v1/models/${parent.id}/variants`).send({ level: 'basic' }).expect(401);
    });
  });

  describe('GET /v1/models/:id/variants', () => {
    it('lists the variants of one model, newest first, a page at a time', async () => {
      const parent = await upload(mlpBytes(7), 'listed.onnx');
      const other = await upload(mlpBytes(8), 'other.onnx');
      const basic = (await derive(parent.id, { level: 'basic' }).expect(201)).body as VariantBody;
      const advanced = (await derive(parent.id, { level: 'advanced' }).expect(201)).body as VariantBody;
      await derive(other.id, { level: 'basic' }).expect(201);

      const first = await variants(parent.id, { limit: 1 }).expect(200);
      const page = first.body as { items: ModelBody[]; nextCursor: string | null };
      expect(page.items.map((item) => item.id)).toEqual([advanced.id]);
      expect(page.items[0]).not.toHaveProperty('report');
      expect(page.nextCursor).toEqual(expect.any(String));
      const second = await variants(parent.id, { limit: 1, cursor: page.nextCursor! }).expect(200);
      expect(second.body).toMatchObject({ items: [{ id: basic.id, parentId: parent.id }], nextCursor: null });
      expectProblem(await variants(parent.id, { cursor: 'garbage' }), 400, 'COMMON.INVALID_CURSOR');
    });

    it('answers 404 for an unknown model and needs gpu:read', async () => {
      expectProblem(await variants('00000000-0000-4000-8000-000000000000'), 404, 'GPU.MODEL_NOT_FOUND');
      const parent = await upload(mlpBytes(9), 'read.onnx');
      await http().get(`/v1/models/${parent.id}/variants`).set(bearer(await issueApiKey(app, { scopes: [Scope.GPU_WRITE] }))).expect(403);
    });
  });

  describe('DELETE /v1/models/:id', () => {
    it('refuses to delete a parent with 409 while its variants exist, and deletes it once they are gone', async () => {
      const parent = await upload(mlpBytes(10), 'parent.onnx');
      const variant = (await derive(parent.id, { level: 'basic' }).expect(201)).body as VariantBody;
      expectProblem(await http().delete(`/v1/models/${parent.id}`).set(writer), 409, 'GPU.MODEL_HAS_VARIANTS');
      await http().delete(`/v1/models/${variant.id}`).set(writer).expect(204);
      await http().delete(`/v1/models/${parent.id}`).set(writer).expect(204);
    });
  });
});
