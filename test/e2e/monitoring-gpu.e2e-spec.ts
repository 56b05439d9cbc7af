import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { GpuRollupRepository } from '../../src/modules/gpu/store/gpu-rollup.repository.js';
import type { MonitoringSummary } from '../../src/modules/monitoring/summary/monitoring-summary.js';
import { Scope } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { BUSY_GPU, FLEET_DEVICES, fleetSamples, IDLE_GPU, MIG, MINUTE } from '../support/gpu-fleet.js';
import { openLiveStream } from '../support/monitoring/live-stream-client.js';
import { bearer, issueApiKey } from '../support/principals.js';

const GIB = 1024 ** 3;

describe('monitoring: the GPU summary', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let reader: Record<string, string>;
  const http = (): ReturnType<typeof request> => request(app.getHttpServer());
  const summary = async (): Promise<MonitoringSummary> => (await http().get('/v1/monitoring/summary').set(reader).expect(200)).body as MonitoringSummary;

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp({ DATABASE_URL: db.url, GPU_COLLECTOR: 'off', MONITORING_STREAM_INTERVAL_MS: '200' });
    reader = bearer(await issueApiKey(app, { scopes: [Scope.MONITORING_READ], name: 'monitoring reader' }));
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('says null while no GPU has reported', async () => {
    expect((await summary()).gpu).toBeNull();
  });

  describe('once GPUs report through push ingest', () => {
    let openInApi: number;

    beforeAll(async () => {
      const ingest = bearer(await issueApiKey(app, { scopes: [Scope.GPU_INGEST], name: 'agent' }));
      const writer = bearer(await issueApiKey(app, { scopes: [Scope.GPU_READ, Scope.GPU_WRITE], name: 'gpu writer' }));
      const now = Date.now();
      await http().post('/v1/gpu/samples').set(ingest).send({ devices: FLEET_DEVICES, samples: fleetSamples(now) }).expect(202);
      await app.get(GpuRollupRepository).rollup(new Date(now - 2 * 60 * MINUTE), new Date(Math.floor(now / MINUTE) * MINUTE));
      await http().post('/v1/gpu/recommendations/evaluate').set(writer).expect(200);
      const open = await http().get('/v1/gpu/recommendations?status=open&limit=100').set(writer).expect(200);
      openInApi = (open.body as { items: unknown[] }).items.length;
    });

    it('summarises every device from its latest reading, busiest first', async () => {
      const { gpu } = await summary();
      expect(gpu).toMatchObject({
        devices: 3,
        utilisationMax: 0.4,
        memoryUsedBytes: 13 * GIB,
        powerWatts: 115,
        temperatureMaxCelsius: 58,
        devicesOmitted: 0,
      });
      // The MIG instance reports no utilisation: the mean is over the two devices that do.
      expect(gpu!.utilisationMean).toBeCloseTo(0.205);
      expect(gpu!.busiest.map((device) => device.uuid)).toEqual([BUSY_GPU, IDLE_GPU, MIG]);
      expect(gpu!.busiest[0]).toEqual({ uuid: BUSY_GPU, model: 'NVIDIA L4', host: 'node-1', utilisation: 0.4, memoryUsedBytes: 12 * GIB, powerWatts: 45, temperatureCelsius: 58 });
    });

    it('counts the open recommendations the GPU API lists', async () => {
      expect(openInApi).toBeGreaterThan(0);
      expect((await summary()).gpu!.openRecommendations).toBe(openInApi);
    });

    it('puts the fleet figures on the live stream', async () => {
      const stream = await openLiveStream(app, reader);
      try {
        const [tick] = await stream.ticks(1);
        expect(tick!.gpu).toMatchObject({ devices: 3, utilisationMax: 0.4, memoryUsedBytes: 13 * GIB, openRecommendations: openInApi });
        expect(tick!.gpu).not.toHaveProperty('busiest');
      } finally {
        stream.close();
      }
    });
  });
});
