import { MetricsRegistry } from '@app/common';
import { testDatabase, type TestDatabase } from '@app/testing';
import type { TestingModule } from '@nestjs/testing';
import pg from 'pg';

import { GpuSeriesSource } from '../../src/modules/gpu/recommendations/gpu-series.types.js';
import { GpuIngestService } from '../../src/modules/gpu/store/gpu-ingest.service.js';
import { GpuRollupService } from '../../src/modules/gpu/store/gpu-rollup.service.js';
import { GpuSampleWriter } from '../../src/modules/gpu/store/gpu-sample-writer.js';
import { GpuTelemetryStore } from '../../src/modules/gpu/store/gpu-telemetry.store.js';
import type { GpuDeviceInfo, GpuSample } from '../../src/modules/gpu/telemetry/gpu-telemetry.types.js';
import { createGpuStoreModule, type FixedRollupClock } from '../support/gpu-store-module.js';
import { TcpProxy, viaPort } from '../support/tcp-proxy.js';
import { waitFor } from '../support/wait-for.js';

const UUID = 'GPU-11111111-2222-3333-4444-555555555555';
const T0 = Date.parse('2026-11-20T10:00:00.000Z');

function sample(at: number, overrides: Partial<GpuSample> = {}): GpuSample {
  return {
    uuid: UUID,
    host: 'node-1',
    sampledAt: new Date(at).toISOString(),
    utilizationRatio: 0.5,
    memoryUtilizationRatio: 0.2,
    memoryUsedBytes: 20 * 2 ** 30,
    memoryTotalBytes: 80 * 2 ** 30,
    powerWatts: 300,
    temperatureCelsius: 60,
    smClockMhz: 1_980,
    memoryClockMhz: 2_619,
    throttleReasons: [],
    ...overrides,
  };
}

const device: GpuDeviceInfo = {
  uuid: UUID,
  host: 'node-1',
  index: 0,
  name: 'NVIDIA H100 80GB HBM3',
  pciBusId: '00000000:3B:00.0',
  driverVersion: '560.35.03',
  memoryTotalBytes: 80 * 2 ** 30,
  powerLimitWatts: 700,
  migEnabled: false,
  parentUuid: null,
};

async function query<T>(db: TestDatabase, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

const sampleCount = async (db: TestDatabase): Promise<number> => (await query<{ n: number }>(db, 'SELECT count(*)::int AS n FROM gpu_samples'))[0]!.n;

async function counterValue(moduleRef: TestingModule, name: string): Promise<number> {
  const metric = await moduleRef.get(MetricsRegistry).getSingleMetric(name)?.get();
  return (metric?.values ?? []).reduce((sum, value) => sum + value.value, 0);
}

describe('GPU sample store', () => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await testDatabase();
  });

  afterEach(async () => {
    await db?.drop();
  });

  describe('on the database', () => {
    let moduleRef: TestingModule;
    let clock: FixedRollupClock;

    beforeEach(async () => {
      ({ moduleRef, clock } = await createGpuStoreModule(db.url, { GPU_FLUSH_ROWS: '5000', GPU_FLUSH_INTERVAL_MS: '600000' }));
    });

    afterEach(async () => {
      await moduleRef.close();
    });

    it('writes a large collection in batches, with its device, processes and events', async () => {
      const samples = Array.from({ length: 12_000 }, (_, i) => sample(T0 + i * 100));
      await moduleRef.get(GpuTelemetryStore).accept({
        devices: [device],
        samples,
        processes: [{ uuid: UUID, pid: 4242, processName: 'python', usedMemoryBytes: 2 ** 30 }],
        events: [{ uuid: UUID, host: 'node-1', at: new Date(T0).toISOString(), kind: 'xid', code: '79', detail: 'GPU has fallen off the bus' }],
      });
      await moduleRef.get(GpuSampleWriter).flush();

      expect(await sampleCount(db)).toBe(12_000);
      expect(await query(db, 'SELECT name, index, memory_total_bytes::float8 AS total FROM gpu_devices')).toEqual([
        { name: device.name, index: 0, total: 80 * 2 ** 30 },
      ]);
      expect(await query(db, 'SELECT pid, process_name FROM gpu_processes')).toEqual([{ pid: 4242, process_name: 'python' }]);
      await expect(counterValue(moduleRef, 'bulwark_gpu_samples_written_total')).resolves.toBe(12_000);
      const [seriesDevice] = await moduleRef.get(GpuSeriesSource).devices();
      await expect(moduleRef.get(GpuSeriesSource).xidCounts(seriesDevice!.id, new Date(T0 - 1), new Date(T0 + 1))).resolves.toEqual({ '79': 1 });
    });

    it('stores a sample ingested twice once, reporting the duplicates', async () => {
      const ingest = moduleRef.get(GpuIngestService);
      const batch = [sample(T0), sample(T0 + 1_000), sample(T0 + 1_000)];

      await expect(ingest.ingest([], batch)).resolves.toEqual({ accepted: 3, stored: 2, duplicates: 1 });
      await expect(ingest.ingest([], batch)).resolves.toEqual({ accepted: 3, stored: 0, duplicates: 3 });

      expect(await sampleCount(db)).toBe(2);
      expect(await query(db, 'SELECT name, index FROM gpu_devices')).toEqual([{ name: 'unknown', index: -1 }]);
    });

    it('rolls finished minutes up with min, avg, max, p95, memory, power, temperature and throttle counts', async () => {
      // 100 samples in one minute, utilisation 0.01 … 1.00; the last 10 power-capped.
      const minute = Array.from({ length: 100 }, (_, i) =>
        sample(T0 + i * 600, { utilizationRatio: (i + 1) / 100, powerWatts: 100 + i, temperatureCelsius: 50 + (i % 7), throttleReasons: i >= 90 ? ['sw_power_cap'] : [] }),
      );
      const unfinished = sample(T0 + 60_000 + 5_000);
      await moduleRef.get(GpuIngestService).ingest([device], [...minute, unfinished]);
      clock.at = new Date(T0 + 60_000 + 30_000);

      const run = await moduleRef.get(GpuRollupService).run();

      expect(run.minutes).toBe(1);
      const [deviceRef] = await moduleRef.get(GpuSeriesSource).devices();
      const [rollup, ...rest] = await moduleRef.get(GpuSeriesSource).minutes(deviceRef!.id, new Date(T0), new Date(T0 + 3_600_000));
      expect(rest).toEqual([]);
      expect(rollup).toMatchObject({ minute: new Date(T0).toISOString(), samples: 100, throttleSamples: { sw_power_cap: 10 } });
      expect(rollup!.utilization.min).toBeCloseTo(0.01, 5);
      expect(rollup!.utilization.avg).toBeCloseTo(0.505, 5);
      expect(rollup!.utilization.max).toBeCloseTo(1, 5);
      expect(rollup!.utilization.p95).toBeCloseTo(0.9505, 5);
      expect(rollup!.memoryUsedRatio).toEqual({ avg: 0.25, max: 0.25 });
      expect(rollup!.powerWatts.avg).toBeCloseTo(149.5, 3);
      expect(rollup!.powerWatts.max).toBe(199);
      expect(rollup!.temperatureCelsius.max).toBe(56);
    });

    it('recomputes a minute when late samples arrive, and applies retention to raw samples and rollups', async () => {
      const service = moduleRef.get(GpuRollupService);
      await moduleRef.get(GpuIngestService).ingest([device], [sample(T0, { utilizationRatio: 0.2 })]);
      clock.at = new Date(T0 + 90_000);
      await service.run();
      await moduleRef.get(GpuIngestService).ingest([], [sample(T0 + 30_000, { utilizationRatio: 0.4 })]);
      await service.run();
      expect(await query(db, 'SELECT samples, round(util_avg::numeric, 2)::float8 AS avg FROM gpu_samples_1m')).toEqual([{ samples: 2, avg: 0.3 }]);

      clock.at = new Date(T0 + 8 * 86_400_000);
      await expect(service.run()).resolves.toEqual({ minutes: 0, samplesDeleted: 2, rollupsDeleted: 0 });
      expect(await query(db, 'SELECT count(*)::int AS n FROM gpu_samples_1m')).toEqual([{ n: 1 }]);

      clock.at = new Date(T0 + 91 * 86_400_000);
      await expect(service.run()).resolves.toEqual({ minutes: 0, samplesDeleted: 0, rollupsDeleted: 1 });
    });
  });

  describe('when PostgreSQL goes away during writes and comes back', () => {
    it('keeps the buffered samples and writes each exactly once after it returns', async () => {
      const target = new URL(db.url);
      const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
      const { moduleRef } = await createGpuStoreModule(viaPort(db.url, await proxy.start()), {
        GPU_FLUSH_ROWS: '50',
        GPU_FLUSH_INTERVAL_MS: '100',
        DATABASE_ACQUIRE_TIMEOUT_MS: '500',
      });
      const store = moduleRef.get(GpuTelemetryStore);
      const writer = moduleRef.get(GpuSampleWriter);
      const collect = (from: number, to: number): Promise<void> =>
        store.accept({ devices: [], samples: Array.from({ length: to - from }, (_, i) => sample(T0 + (from + i) * 1_000)), processes: [], events: [] });
      try {
        await collect(0, 100);
        await waitFor(async () => (await sampleCount(db)) === 100, 'the first samples to be written');

        await proxy.stop();
        await collect(100, 300);
        await waitFor(async () => (await counterValue(moduleRef, 'bulwark_gpu_sample_write_failures_total')) >= 2, 'writes to fail');
        expect(writer.buffered).toBe(200);

        await proxy.start();
        await waitFor(() => writer.buffered === 0, 'the buffer to drain after the database returned', 20_000);

        expect(await sampleCount(db)).toBe(300);
        await expect(counterValue(moduleRef, 'bulwark_gpu_samples_shed_total')).resolves.toBe(0);
      } finally {
        await moduleRef.close();
        await proxy.stop();
      }
    });
  });
});
