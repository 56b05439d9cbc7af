import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { Scope, Tier } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { bearer, issueApiKey } from '../support/principals.js';

const GIB = 2 ** 30;
const T0 = Date.parse('2026-11-20T10:00:00.000Z');
const UUID = 'GPU-11111111-2222-3333-4444-555555555555';

const sample = (at: number, memoryUsedBytes: number): Record<string, unknown> => ({
  uuid: UUID,
  host: 'node-1',
  sampledAt: new Date(at).toISOString(),
  utilizationRatio: 0.4,
  memoryUsedBytes,
  memoryTotalBytes: 80 * GIB,
});

interface Estimate {
  totalBytes: number;
  fits: { fits: boolean; headroomBytes: number; device: { id: string; freeBytes: number; memoryTotalBytes: number; memoryUsedBytes: number } } | null;
}

describe('POST /v1/gpu/estimates/memory for a known device', () => {
  let app: INestApplication;
  let db: TestDatabase;
  let reader: Record<string, string>;
  let deviceId: string;
  const estimate = (body: object): request.Test => request(app.getHttpServer()).post('/v1/gpu/estimates/memory').set(reader).send(body);

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp({ DATABASE_URL: db.url });
    const ingester = bearer(await issueApiKey(app, { scopes: [Scope.GPU_INGEST], tier: Tier.ENTERPRISE, name: 'gpu-agent' }));
    reader = bearer(await issueApiKey(app, { scopes: [Scope.GPU_READ], name: 'gpu-reader' }));
    const devices = [{ uuid: UUID, host: 'node-1', index: 0, name: 'NVIDIA A100-SXM4-80GB', memoryTotalBytes: 80 * GIB }];
    // The older sample had the GPU nearly full: the estimate must read the latest one.
    const samples = [sample(T0, 79 * GIB), sample(T0 + 10_000, 8 * GIB)];
    await request(app.getHttpServer()).post('/v1/gpu/samples').set(ingester).send({ devices, samples }).expect(202);
    const listed = await request(app.getHttpServer()).get('/v1/gpu/devices').set(reader).expect(200);
    deviceId = (listed.body as { items: { id: string; uuid: string }[] }).items.find((item) => item.uuid === UUID)!.id;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it("says a model fits by the device's latest free memory, found by its id", async () => {
    // 7e9 fp16 parameters: 14 GB of weights, 16.8 GB for inference, against 72 GiB free.
    const response = await estimate({ parameters: 7e9, dtype: 'fp16', deviceId }).expect(200);
    const body = response.body as Estimate;
    expect(body.fits).toMatchObject({ fits: true, device: { id: deviceId, memoryTotalBytes: 80 * GIB, memoryUsedBytes: 8 * GIB, freeBytes: 72 * GIB } });
    expect(body.fits?.headroomBytes).toBe(72 * GIB - body.totalBytes);
  });

  it('says a model does not fit when it needs more than the free memory, found by the GPU uuid', async () => {
    // 40e9 fp16 parameters: 96 GB for inference.
    const response = await estimate({ parameters: 40e9, dtype: 'fp16', deviceId: UUID }).expect(200);
    expect((response.body as Estimate).fits).toMatchObject({ fits: false, device: { freeBytes: 72 * GIB } });
    expect((response.body as Estimate).fits?.headroomBytes).toBeLessThan(0);
  });

  it.each([
    ['an unknown row id', '00000000-0000-4000-8000-000000000000'],
    ['an unknown GPU uuid', 'GPU-99999999-9999-9999-9999-999999999999'],
  ])('answers 404 GPU.DEVICE_NOT_FOUND problem+json for %s', async (_label, unknown) => {
    const response = await estimate({ parameters: 10, dtype: 'fp16', deviceId: unknown }).expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 404, code: 'GPU.DEVICE_NOT_FOUND' });
  });
});
