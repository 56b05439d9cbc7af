import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { GpuTelemetryStore } from '../../src/modules/gpu/index.js';
import { GpuRollupClock, GpuRollupService } from '../../src/modules/gpu/store/gpu-rollup.service.js';
import { Scope, Tier } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { bearer, issueApiKey } from '../support/principals.js';

const T0 = Date.parse('2026-11-20T10:00:00.000Z');
const uuidOf = (n: number): string => `GPU-00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;

interface DeviceItem {
  id: string;
  uuid: string;
  name: string;
  index: number;
  latestSample: { sampledAt: string; utilizationRatio: number | null; throttleReasons: string[] } | null;
}

const sample = (uuid: string, at: number, utilizationRatio: number | null = 0.5): Record<string, unknown> => ({
  uuid,
  host: 'node-1',
  sampledAt: new Date(at).toISOString(),
  utilizationRatio,
  memoryUsedBytes: 8 * 2 ** 30,
  memoryTotalBytes: 80 * 2 ** 30,
  powerWatts: 250,
  temperatureCelsius: 61,
  smClockMhz: 1_755,
  throttleReasons: ['sw_power_cap'],
});

const device = (n: number): Record<string, unknown> => ({ uuid: uuidOf(n), host: 'node-1', index: n, name: 'NVIDIA A100-SXM4-80GB', memoryTotalBytes: 80 * 2 ** 30 });

function expectProblem(response: request.Response, status: number, code: string): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, code });
}

describe('/v1/gpu telemetry', () => {
  let app: INestApplication;
  let db: TestDatabase;
  let ingester: { Authorization: string };
  let reader: { Authorization: string };

  const server = (): ReturnType<INestApplication['getHttpServer']> => app.getHttpServer();
  const push = (body: unknown, headers = ingester): request.Test => request(server()).post('/v1/gpu/samples').set(headers).send(body as object);
  const get = (path: string, query: Record<string, string | number> = {}, headers = reader): request.Test => request(server()).get(path).query(query).set(headers);

  async function deviceByUuid(uuid: string): Promise<DeviceItem> {
    const items: DeviceItem[] = [];
    let cursor: string | null = null;
    do {
      const response = await get('/v1/gpu/devices', cursor ? { limit: 2, cursor } : { limit: 2 });
      expect(response.status).toBe(200);
      items.push(...(response.body as { items: DeviceItem[] }).items);
      cursor = (response.body as { nextCursor: string | null }).nextCursor;
    } while (cursor);
    return items.find((item) => item.uuid === uuid)!;
  }

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp({ DATABASE_URL: db.url });
    ingester = bearer(await issueApiKey(app, { scopes: [Scope.GPU_INGEST], tier: Tier.ENTERPRISE, name: 'gpu-agent' }));
    reader = bearer(await issueApiKey(app, { scopes: [Scope.GPU_READ], tier: Tier.ENTERPRISE, name: 'gpu-reader' }));
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  describe('POST /v1/gpu/samples', () => {
    it('stores 5,000 samples in one request and answers 202, then reports all of them as duplicates when resent', async () => {
      const body = { devices: [device(1)], samples: Array.from({ length: 5_000 }, (_, i) => sample(uuidOf(1), T0 + i * 1_000)) };

      const first = await push(body);
      expect(first.status).toBe(202);
      expect(first.body).toEqual({ accepted: 5_000, stored: 5_000, duplicates: 0 });

      const again = await push(body);
      expect(again.status).toBe(202);
      expect(again.body).toEqual({ accepted: 5_000, stored: 0, duplicates: 5_000 });
    });

    it('refuses 5,001 samples with 413 problem+json', async () => {
      const response = await push({ samples: Array.from({ length: 5_001 }, (_, i) => sample(uuidOf(9), T0 + i * 1_000)) });

      expectProblem(response, 413, 'GPU.TOO_MANY_SAMPLES');
    });

    it.each([
      ['a ratio above 1', { utilizationRatio: 1.5 }, 'samples.0.utilizationRatio'],
      ['a uuid that is not GPU-/MIG-', { uuid: 'not-a-gpu' }, 'samples.0.uuid'],
      ['a date that is not ISO-8601', { sampledAt: 'yesterday' }, 'samples.0.sampledAt'],
      ['a negative power', { powerWatts: -3 }, 'samples.0.powerWatts'],
      ['a field it does not know', { fanSpeed: 40 }, 'samples.0.fanSpeed'],
    ])('answers 400 problem+json naming the field for %s', async (_label, change, field) => {
      const response = await push({ samples: [{ ...sample(uuidOf(9), T0), ...change }] });

      expectProblem(response, 400, 'COMMON.VALIDATION_FAILED');
      expect((response.body as { errors: { field: string }[] }).errors.map((error) => error.field)).toContain(field);
    });

    it('creates a placeholder device for an unknown uuid, completed when a device entry arrives', async () => {
      await push({ samples: [sample(uuidOf(2), T0, null)] }).expect(202);
      expect(await deviceByUuid(uuidOf(2))).toMatchObject({ name: 'unknown', index: -1, latestSample: { utilizationRatio: null } });

      await push({ devices: [device(2)], samples: [] }).expect(202);
      expect(await deviceByUuid(uuidOf(2))).toMatchObject({ name: 'NVIDIA A100-SXM4-80GB', index: 2 });
    });

    it('needs gpu:ingest', async () => {
      const response = await push({ samples: [sample(uuidOf(9), T0)] }, reader);

      expectProblem(response, 403, 'SECURITY.INSUFFICIENT_SCOPE');
    });
  });

  describe('GET /v1/gpu/devices', () => {
    it('lists devices with their latest sample, page by page', async () => {
      const found = await deviceByUuid(uuidOf(1));

      expect(found).toMatchObject({ name: 'NVIDIA A100-SXM4-80GB', latestSample: { sampledAt: new Date(T0 + 4_999_000).toISOString(), throttleReasons: ['sw_power_cap'] } });
      await expect(get(`/v1/gpu/devices/${found.id}`)).resolves.toMatchObject({ status: 200, body: { uuid: uuidOf(1) } });
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      expectProblem(await get('/v1/gpu/devices/00000000-0000-4000-8000-000000000000'), 404, 'GPU.DEVICE_NOT_FOUND');
      expect((await get('/v1/gpu/devices/nope')).status).toBe(400);
    });

    it('needs gpu:read', async () => {
      expectProblem(await get('/v1/gpu/devices', {}, ingester), 403, 'SECURITY.INSUFFICIENT_SCOPE');
    });
  });

  describe('GET /v1/gpu/devices/:id/metrics', () => {
    it('reads raw samples for steps under a minute and rollups from a minute up', async () => {
      const { id } = await deviceByUuid(uuidOf(1));
      const from = new Date(T0).toISOString();
      const to = new Date(T0 + 600_000).toISOString();

      const raw = await get(`/v1/gpu/devices/${id}/metrics`, { from, to, step: 30 });
      expect(raw.status).toBe(200);
      expect(raw.body).toMatchObject({ source: 'raw', step: 30 });
      expect((raw.body as { points: unknown[] }).points).toHaveLength(20);
      expect((raw.body as { points: unknown[] }).points[0]).toMatchObject({ samples: 30, utilization: { avg: 0.5, p95: 0.5 }, memoryUsedRatio: { avg: expect.closeTo(0.1, 10) as number } });

      Object.assign(app.get(GpuRollupClock), { now: () => new Date(T0 + 630_000) });
      await app.get(GpuRollupService).run();
      const rolled = await get(`/v1/gpu/devices/${id}/metrics`, { from, to, step: 300 });
      expect(rolled.body).toMatchObject({ source: 'rollup', step: 300 });
      expect((rolled.body as { points: unknown[] }).points).toEqual([
        expect.objectContaining({ at: from, samples: 300 }),
        expect.objectContaining({ at: new Date(T0 + 300_000).toISOString(), samples: 300 }),
      ]);
    });

    it.each([
      ['from after to', { from: '2026-11-20T11:00:00Z', to: '2026-11-20T10:00:00Z', step: 60 }],
      ['too many points', { from: '2026-01-01T00:00:00Z', to: '2026-11-20T10:00:00Z', step: 60 }],
    ])('answers 400 INVALID_RANGE for %s', async (_label, query) => {
      const { id } = await deviceByUuid(uuidOf(1));

      expectProblem(await get(`/v1/gpu/devices/${id}/metrics`, query), 400, 'GPU.INVALID_RANGE');
    });
  });

  describe('GET /v1/gpu/devices/:id/processes and GET /v1/gpu/events', () => {
    it('shows the processes and events a collector handed to the store', async () => {
      const uuid = uuidOf(3);
      const event = (at: number, kind: 'xid' | 'throttle', code: string): { uuid: string; host: string; at: string; kind: 'xid' | 'throttle'; code: string; detail: string } => ({
        uuid,
        host: 'node-1',
        at: new Date(at).toISOString(),
        kind,
        code,
        detail: `${kind} ${code}`,
      });
      await app.get(GpuTelemetryStore).accept({
        devices: [{ uuid, host: 'node-1', index: 3, name: 'NVIDIA L4', pciBusId: null, driverVersion: null, memoryTotalBytes: 24 * 2 ** 30, powerLimitWatts: 72, migEnabled: false, parentUuid: null }],
        samples: [],
        processes: [{ uuid, pid: 77, processName: 'vllm', usedMemoryBytes: 2 ** 33 }],
        events: [event(T0, 'xid', '79'), event(T0 + 1_000, 'throttle', 'hw_slowdown'), event(T0 + 2_000, 'xid', '48')],
      });
      const { id } = await deviceByUuid(uuid);

      const processes = await get(`/v1/gpu/devices/${id}/processes`);
      expect(processes.body).toEqual([expect.objectContaining({ pid: 77, processName: 'vllm', usedMemoryBytes: 2 ** 33 })]);

      const firstPage = await get('/v1/gpu/events', { deviceId: id, kind: 'xid', limit: 1 });
      expect(firstPage.body).toMatchObject({ items: [{ code: '48', uuid }] });
      const secondPage = await get('/v1/gpu/events', { deviceId: id, kind: 'xid', limit: 1, cursor: (firstPage.body as { nextCursor: string }).nextCursor });
      expect(secondPage.body).toMatchObject({ items: [{ code: '79' }], nextCursor: null });
      expect((await get('/v1/gpu/events', { kind: 'nope' })).status).toBe(400);
    });
  });

  describe('GET /metrics', () => {
    it('exports the latest sample of each device as gauges labelled by uuid, model and host', async () => {
      const text = (await request(server()).get('/metrics')).text;

      expect(text).toContain(`bulwark_gpu_utilization_ratio{uuid="${uuidOf(1)}",model="NVIDIA A100-SXM4-80GB",host="node-1"} 0.5`);
      expect(text).toContain(`bulwark_gpu_sm_clock_hertz{uuid="${uuidOf(1)}",model="NVIDIA A100-SXM4-80GB",host="node-1"} 1755000000`);
      expect(text).toMatch(/^bulwark_gpu_samples_written_total [1-9]\d*$/m);
    });
  });
});
