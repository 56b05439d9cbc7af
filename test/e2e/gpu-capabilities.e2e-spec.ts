import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import type { GpuCapabilities } from '../../src/modules/gpu/telemetry/api/gpu-capabilities.service.js';
import { Scope } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { fakeNvidiaSmi } from '../support/gpu-fixtures.js';
import { bearer, issueApiKey } from '../support/principals.js';

describe('GPU capabilities', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await testDatabase();
  });

  afterAll(async () => {
    await db.drop();
  });

  async function capabilities(env: Record<string, string>): Promise<{ app: INestApplication; body: GpuCapabilities }> {
    const app = await bootApp({ DATABASE_URL: db.url, ...env });
    const reader = bearer(await issueApiKey(app, { scopes: [Scope.GPU_READ], name: 'gpu reader' }));
    const { body } = await request(app.getHttpServer()).get('/v1/gpu/capabilities').set(reader).expect(200);
    return { app, body: body as GpuCapabilities };
  }

  describe('GET /v1/gpu/capabilities', () => {
    it('says why nothing collects when there is no nvidia-smi and no dcgm-exporter', async () => {
      // A binary name that is on no PATH, so the test means the same on a machine that has a GPU.
      const { app, body } = await capabilities({ GPU_NVIDIA_SMI_PATH: 'nvidia-smi-not-installed' });
      expect(body).toEqual({
        collector: 'auto',
        active: null,
        reason: 'nvidia-smi unavailable (nvidia-smi not found (nvidia-smi-not-installed is not on PATH or does not exist)) and GPU_DCGM_URL is not set: telemetry arrives only through push ingest (POST /v1/gpu/samples)',
        sources: [
          { source: 'nvidia-smi', available: false, reason: 'nvidia-smi not found (nvidia-smi-not-installed is not on PATH or does not exist)', details: { path: 'nvidia-smi-not-installed' } },
          { source: 'dcgm', available: false, reason: 'GPU_DCGM_URL is not set', details: {} },
          { source: 'push', available: true, reason: null, details: { endpoint: 'POST /v1/gpu/samples' } },
        ],
      });
      await app.close();
    });

    it('reports nvidia-smi available with its driver version when it answers', async () => {
      const { app, body } = await capabilities({ GPU_NVIDIA_SMI_PATH: fakeNvidiaSmi('nvidia-smi') });
      expect(body).toMatchObject({ collector: 'auto', active: 'nvidia-smi', reason: null });
      expect(body.sources[0]).toEqual({
        source: 'nvidia-smi',
        available: true,
        reason: null,
        details: { path: fakeNvidiaSmi('nvidia-smi'), deviceCount: 2, driverVersion: '550.54.15' },
      });
      await app.close();
    });

    it('names the configured collector when telemetry is off', async () => {
      const { app, body } = await capabilities({ GPU_COLLECTOR: 'off', GPU_NVIDIA_SMI_PATH: fakeNvidiaSmi('nvidia-smi-exit-9') });
      expect(body).toMatchObject({ collector: 'off', active: null, reason: expect.stringContaining('GPU_COLLECTOR=off') });
      expect(body.sources[0]).toMatchObject({ available: false, reason: expect.stringContaining('NVIDIA driver is not loaded') });
      await app.close();
    });

    it('refuses a key without gpu:read', async () => {
      const app = await bootApp({ DATABASE_URL: db.url, GPU_COLLECTOR: 'off' });
      const other = bearer(await issueApiKey(app, { scopes: [Scope.CDN_READ], name: 'not gpu' }));
      await request(app.getHttpServer()).get('/v1/gpu/capabilities').set(other).expect(403);
      await app.close();
    });
  });
});
