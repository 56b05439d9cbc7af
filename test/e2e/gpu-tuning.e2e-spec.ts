import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';

import { encodeModel } from '../../src/modules/gpu/onnx/onnx-proto.js';
import { buildMlpModel } from '../../src/modules/gpu/passes/index.js';
import type { TuningRunView } from '../../src/modules/gpu/tuning/api/tuning-run-view.js';
import { readEventStream, SseParser, type SseEvent } from '../../src/modules/monitoring/live/public/sse-reader.js';
import { Scope } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { bearer, issueApiKey } from '../support/principals.js';

const QUICK = { batchSizes: [1, 8], graphOptimizationLevels: ['all'], runs: 10, threads: [1] };
const sileroV5 = readFileSync(createRequire(import.meta.url).resolve('@ricky0123/vad-web/dist/silero_vad_v5.onnx'));

function expectProblem(response: request.Response, status: number, code?: string): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  if (code !== undefined) {
    expect(response.body).toMatchObject({ code, status });
  }
}

describe('GPU tuning: benchmarks and auto-optimise as jobs', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let writer: Record<string, string>;
  let reader: Record<string, string>;
  let modelId: string;
  const http = (): ReturnType<typeof request> => request(app.getHttpServer());

  /** Follows a run's SSE stream to its `done` event, as a client would. */
  async function follow(run: TuningRunView): Promise<SseEvent[]> {
    const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}${run.links.events}`, { headers: { Accept: 'text/event-stream', ...reader } });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events: SseEvent[] = [];
    await readEventStream(response.body!, new SseParser((event) => events.push(event)));
    return events;
  }

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp({ DATABASE_URL: db.url, GPU_MODELS_DIR: mkdtempSync(join(tmpdir(), 'bulwark-tuning-')) });
    writer = bearer(await issueApiKey(app, { scopes: [Scope.GPU_WRITE, Scope.GPU_READ], name: 'gpu writer' }));
    reader = bearer(await issueApiKey(app, { scopes: [Scope.GPU_READ], name: 'gpu reader' }));
    const mlp = Buffer.from(encodeModel(buildMlpModel({ seed: 11, sizes: [64, 128, 32] })));
    const uploaded = await http().post('/v1/models').query({ name: 'mlp' }).set(writer).set('Content-Type', 'application/octet-stream').send(mlp).expect(201);
    modelId = (uploaded.body as { id: string }).id;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  describe('POST /v1/models/:id/benchmarks', () => {
    it('queues a run whose progress streams over SSE and whose result holds every measurement and the Pareto set', async () => {
      const accepted = await http().post(`/v1/models/${modelId}/benchmarks`).set(writer).send(QUICK).expect(202);
      const run = accepted.body as TuningRunView;
      expect(accepted.headers.location).toBe(`/v1/gpu/tuning-runs/${run.id}`);
      expect(run).toMatchObject({ kind: 'benchmark', modelId, status: 'queued', request: { candidates: ['fp32', 'basic', 'advanced', 'ultra'], providers: ['cpu', 'cuda'], ...QUICK } });

      const events = await follow(run);
      const progress = events.filter((event) => event.type === 'progress').map((event) => JSON.parse(event.data) as { progress: { percent: number } | null });
      expect(progress.length).toBeGreaterThan(0);
      expect(events.at(-1)?.type).toBe('done');
      const done = JSON.parse(events.at(-1)!.data) as TuningRunView;
      expect(done).toMatchObject({ id: run.id, status: 'completed', progress: null });

      const { body } = (await http().get(`/v1/gpu/tuning-runs/${run.id}`).set(reader).expect(200)) as { body: TuningRunView };
      const result = body.result!;
      expect(result.providers).toEqual([
        { provider: 'cpu', available: true, reason: null },
        { provider: 'cuda', available: false, reason: expect.any(String) },
      ]);
      expect(result.measurements).toHaveLength(4 * 2);
      expect(new Set(result.measurements.map((m) => m.candidate))).toEqual(new Set(['fp32', 'basic', 'advanced', 'ultra']));
      expect(result.measurements.filter((m) => m.candidate === 'fp32').every((m) => m.speedupVsReference === 1 && m.maxRelError === 0)).toBe(true);
      expect(result.measurements.filter((m) => m.pareto).length).toBeGreaterThan(0);
      expect(result.paretoObjectives).toEqual(['p95Ms (min)', 'throughputPerSecond (max)', 'modelBytes (min)', 'maxRelError (min)']);
      expect(result.trace.map((entry) => entry.step)).toContain('pareto');
      expect(result.picks).toBeUndefined();
    }, 120_000);

    it('refuses bad requests with a problem, before anything is queued', async () => {
      expectProblem(await http().post(`/v1/models/${modelId}/benchmarks`).set(writer).send({ candidates: ['int3'] }), 400);
      expectProblem(await http().post(`/v1/models/${modelId}/benchmarks`).set(writer).send({ batchSizes: [0] }), 400);
      expectProblem(await http().post(`/v1/models/${modelId}/benchmarks`).set(writer).send({ threads: [1, 2, 3, 4, 5, 6, 7, 8], graphOptimizationLevels: ['disabled', 'basic', 'extended', 'all'] }), 400, 'GPU.INVALID_TUNING_REQUEST');
      expectProblem(await http().post('/v1/models/00000000-0000-4000-8000-000000000000/benchmarks').set(writer).send({}), 404, 'GPU.MODEL_NOT_FOUND');
      expectProblem(await http().post(`/v1/models/${modelId}/benchmarks`).set(reader).send({}), 403);
    });

    it('refuses a model whose inputs are not all float: made-up ids or sample rates would measure nothing', async () => {
      const uploaded = await http().post('/v1/models').query({ name: 'silero' }).set(writer).set('Content-Type', 'application/octet-stream').send(sileroV5).expect(201);
      const response = await http().post(`/v1/models/${(uploaded.body as { id: string }).id}/benchmarks`).set(writer).send(QUICK);
      expectProblem(response, 400, 'GPU.INVALID_TUNING_REQUEST');
      expect((response.body as { detail: string }).detail).toMatch(/is int64: tuning runs feed float32 inputs only/);
    });
  });

  describe('POST /v1/models/:id/auto-optimize', () => {
    it('picks per objective within the accuracy budget, keeps the winners as variants and traces every decision', async () => {
      const accepted = await http().post(`/v1/models/${modelId}/auto-optimize`).set(writer).send({ ...QUICK, accuracyBudget: 0.05 }).expect(202);
      const events = await follow(accepted.body as TuningRunView);
      const done = JSON.parse(events.at(-1)!.data) as TuningRunView;
      expect(done.status).toBe('completed');
      const result = done.result!;

      expect(result.accuracyBudget).toBe(0.05);
      // INT4 after pruning costs about 10 % on this MLP: over the budget, never picked.
      expect(result.trace).toContainEqual({ step: 'budget', message: expect.stringMatching(/^ultra excluded: max relative error 0\.\d+ exceeds the budget 0\.05$/) });
      expect(result.picks!.map((pick) => pick.objective)).toEqual(['latency', 'throughput', 'size']);
      const eligible = result.measurements.filter((m) => m.maxRelError <= 0.05);
      const size = result.picks!.find((pick) => pick.objective === 'size')!;
      expect(size.value).toBe(Math.min(...eligible.map((m) => m.modelBytes)));
      expect(size.candidate).not.toBe('fp32');
      expect(size.variantId).toEqual(expect.any(String));
      for (const pick of result.picks!) {
        const chosen = result.measurements.find((m) => m.id === pick.measurementId)!;
        expect(chosen.maxRelError).toBeLessThanOrEqual(0.05);
        expect(pick.variantId === null).toBe(pick.candidate === 'fp32');
      }

      const variant = (await http().get(`/v1/models/${size.variantId}`).set(reader).expect(200)).body as { parentId: string; pass: string; sizeBytes: number };
      expect(variant).toMatchObject({ parentId: modelId, pass: `auto:${size.candidate}`, sizeBytes: size.value });
      expect(result.trace.filter((entry) => entry.step === 'pick')).toHaveLength(3);
      expect(result.trace).toContainEqual({ step: 'variant', message: `${size.candidate} stored as model ${size.variantId}` });
    }, 120_000);
  });

  describe('GET /v1/gpu/tuning-runs', () => {
    it("lists a model's runs newest first, paged, without their results", async () => {
      const first = (await http().get('/v1/gpu/tuning-runs').query({ modelId, limit: 1 }).set(reader).expect(200)).body as { items: TuningRunView[]; nextCursor: string };
      expect(first.items).toHaveLength(1);
      expect(first.items[0]).toMatchObject({ kind: 'auto-optimize', modelId });
      expect(first.items[0]).not.toHaveProperty('result');
      const second = (await http().get('/v1/gpu/tuning-runs').query({ modelId, limit: 1, cursor: first.nextCursor }).set(reader).expect(200)).body as { items: TuningRunView[] };
      expect(second.items[0]).toMatchObject({ kind: 'benchmark' });
    });

    it('answers 404 for an unknown run and 400 for a bad cursor', async () => {
      expectProblem(await http().get('/v1/gpu/tuning-runs/00000000-0000-4000-8000-000000000000').set(reader), 404, 'GPU.TUNING_RUN_NOT_FOUND');
      expectProblem(await http().get('/v1/gpu/tuning-runs').query({ cursor: 'nonsense' }).set(reader), 400);
    });
  });

  describe('GET /v1/gpu/execution-providers', () => {
    it('says CPU works and why CUDA does not', async () => {
      const { body } = await http().get('/v1/gpu/execution-providers').set(reader).expect(200);
      expect(body).toEqual([
        { provider: 'cpu', available: true, reason: null },
        { provider: 'cuda', available: false, reason: expect.stringMatching(/libonnxruntime_providers_(shared|cuda)/) },
      ]);
    });
  });
});
