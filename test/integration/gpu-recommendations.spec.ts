import { CommonModule, MetricsRegistry } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { testConfig, testDatabase, type TestDatabase } from '@app/testing';
import { Test, type TestingModule } from '@nestjs/testing';

import { DatabaseModule } from '../../src/modules/database/index.js';
import { GpuExceptionCode } from '../../src/modules/gpu/gpu.exception.js';
import { RecommendationClock } from '../../src/modules/gpu/recommendations/engine/recommendation-clock.js';
import { RecommendationDismissal } from '../../src/modules/gpu/recommendations/engine/recommendation-dismissal.service.js';
import { RecommendationEngine } from '../../src/modules/gpu/recommendations/engine/recommendation-engine.service.js';
import { GpuSeriesSource, type DeviceRef, type MinuteRollup } from '../../src/modules/gpu/recommendations/gpu-series.types.js';
import { RecommendationsMetrics } from '../../src/modules/gpu/recommendations/recommendations.metrics.js';
import { RecommendationRepository } from '../../src/modules/gpu/recommendations/store/recommendation.repository.js';
import { SCHEMA } from '../../src/schema.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const later = (minutes: number): Date => new Date(NOW.getTime() + minutes * 60_000);

/** The port, in memory: what the telemetry store would answer. */
class InMemorySeries extends GpuSeriesSource {
  readonly listed: DeviceRef[] = [];
  readonly series = new Map<string, MinuteRollup[]>();
  readonly xids = new Map<string, Record<string, number>>();
  readonly broken = new Set<string>();

  devices(): Promise<DeviceRef[]> {
    return Promise.resolve([...this.listed]);
  }

  minutes(deviceId: string): Promise<MinuteRollup[]> {
    return this.broken.has(deviceId) ? Promise.reject(new Error('rollups unreadable')) : Promise.resolve(this.series.get(deviceId) ?? []);
  }

  xidCounts(deviceId: string): Promise<Record<string, number>> {
    return Promise.resolve(this.xids.get(deviceId) ?? {});
  }
}

function steady(util: number | null, mem: number, count = 120): MinuteRollup[] {
  return Array.from({ length: count }, (_, index) => ({
    minute: new Date(NOW.getTime() - (count - index) * 60_000).toISOString(),
    samples: 4,
    utilization: { min: util, avg: util, max: util, p95: util },
    memoryUsedRatio: { avg: mem, max: mem },
    powerWatts: { avg: null, max: null },
    temperatureCelsius: { max: null },
    throttleSamples: {},
  }));
}

function gpu(id: string, overrides: Partial<DeviceRef> = {}): DeviceRef {
  return { id, uuid: `GPU-${id}`, host: 'node-1', name: 'NVIDIA L4', migEnabled: false, memoryTotalBytes: 24 * 1024 ** 3, ...overrides };
}

describe(RecommendationEngine.name, () => {
  let db: TestDatabase;
  let moduleRef: TestingModule;
  let engine: RecommendationEngine;
  let repository: RecommendationRepository;
  let series: InMemorySeries;

  const rows = async (deviceId?: string): Promise<Array<{ rule: string; status: string }>> =>
    (await repository.listPage(200, undefined, { deviceId })).items.map((row) => ({ rule: row.rule, status: row.status })).sort((a, b) => `${a.rule}${a.status}`.localeCompare(`${b.rule}${b.status}`));

  beforeEach(async () => {
    db = await testDatabase();
    series = new InMemorySeries();
    moduleRef = await Test.createTestingModule({
      imports: [CommonModule, ConfigModule, DatabaseModule.forRoot(SCHEMA)],
      providers: [RecommendationClock, RecommendationDismissal, RecommendationEngine, RecommendationRepository, RecommendationsMetrics, { provide: GpuSeriesSource, useValue: series }],
    })
      .overrideProvider(AppConfig)
      .useValue(testConfig({ DATABASE_URL: db.url }))
      .compile();
    await moduleRef.init();
    engine = moduleRef.get(RecommendationEngine);
    repository = moduleRef.get(RecommendationRepository);
  });

  afterEach(async () => {
    await moduleRef.close();
    await db.drop();
  });

  describe('evaluate', () => {
    it('opens one row per finding with its evidence and counts it in the open gauge', async () => {
      series.listed.push(gpu('a'));
      series.series.set('a', steady(0.01, 0.02));
      series.xids.set('a', { '79': 1 });

      const summary = await engine.evaluate(NOW);

      expect(summary).toMatchObject({ opened: 2, refreshed: 0, resolved: 0, devices: [{ deviceId: 'a', utilizationJudged: true, findings: ['xid', 'idle'] }] });
      const [idle] = (await repository.listPage(10, undefined, { rule: 'idle' })).items;
      expect(idle).toMatchObject({ deviceId: 'a', status: 'open', severity: 'warning', firstSeen: NOW, lastSeen: NOW });
      expect(idle?.evidence).toMatchObject({ window: { from: '2026-02-28T12:00:00.000Z', to: NOW.toISOString() }, minutesCovered: 120, sampleCount: 480 });
      const gauge = await moduleRef.get(MetricsRegistry).getSingleMetric('bulwark_gpu_recommendations_open')?.get();
      expect(gauge?.values).toEqual(
        expect.arrayContaining([
          { labels: { rule: 'idle', severity: 'warning' }, value: 1 },
          { labels: { rule: 'xid', severity: 'critical' }, value: 1 },
        ]),
      );
    });

    it('refreshes a finding that still holds instead of adding a row, and resolves it when it stops', async () => {
      series.listed.push(gpu('a'));
      series.series.set('a', steady(0.4, 0.5));
      await engine.evaluate(NOW);
      const [first] = (await repository.listPage(10, undefined, {})).items;

      await expect(engine.evaluate(later(5))).resolves.toMatchObject({ opened: 0, refreshed: 1, resolved: 0 });
      await expect(repository.getByIdOrThrow(first!.id)).resolves.toMatchObject({ status: 'open', firstSeen: NOW, lastSeen: later(5) });

      series.series.set('a', steady(0.9, 0.5));
      await expect(engine.evaluate(later(10))).resolves.toMatchObject({ opened: 0, refreshed: 0, resolved: 1 });
      await expect(repository.getByIdOrThrow(first!.id)).resolves.toMatchObject({ status: 'resolved', resolvedAt: later(10), lastSeen: later(5) });

      series.series.set('a', steady(0.4, 0.5));
      await engine.evaluate(later(15));
      await expect(rows('a')).resolves.toEqual([
        { rule: 'under-utilized', status: 'open' },
        { rule: 'under-utilized', status: 'resolved' },
      ]);
    });

    it('keeps a dismissed finding dismissed while it holds, and opens a new one after it stopped and came back', async () => {
      series.listed.push(gpu('a'));
      series.series.set('a', steady(0.4, 0.5));
      await engine.evaluate(NOW);
      const [row] = (await repository.listPage(10, undefined, {})).items;
      await moduleRef.get(RecommendationDismissal).dismiss(row!.id, 'key:ops', 'Reserved for nightly batch');

      await engine.evaluate(later(5));
      await expect(repository.getByIdOrThrow(row!.id)).resolves.toMatchObject({ status: 'dismissed', dismissedBy: 'key:ops', dismissReason: 'Reserved for nightly batch', lastSeen: later(5) });
      await expect(rows('a')).resolves.toEqual([{ rule: 'under-utilized', status: 'dismissed' }]);

      series.series.set('a', steady(0.9, 0.5));
      await engine.evaluate(later(10));
      series.series.set('a', steady(0.4, 0.5));
      await engine.evaluate(later(15));
      await expect(rows('a')).resolves.toEqual([
        { rule: 'under-utilized', status: 'open' },
        { rule: 'under-utilized', status: 'resolved' },
      ]);
    });

    it('leaves the rows of a device it could not read, and resolves those of a device no longer reported', async () => {
      series.listed.push(gpu('a'), gpu('b'));
      series.series.set('a', steady(0.4, 0.5));
      series.series.set('b', steady(0.4, 0.5));
      await engine.evaluate(NOW);

      series.broken.add('a');
      series.listed.splice(1, 1);
      const summary = await engine.evaluate(later(5));

      expect(summary.devices).toEqual([{ deviceId: 'a', uuid: 'GPU-a', utilizationJudged: false, findings: [], error: 'rollups unreadable' }]);
      await expect(rows('a')).resolves.toEqual([{ rule: 'under-utilized', status: 'open' }]);
      await expect(rows('b')).resolves.toEqual([{ rule: 'under-utilized', status: 'resolved' }]);
    });

    it('says a MIG device was not judged on utilisation rather than calling it idle', async () => {
      series.listed.push(gpu('m', { uuid: 'MIG-0001', migEnabled: true }));
      series.series.set('m', steady(null, 0.01));

      const summary = await engine.evaluate(NOW);

      expect(summary.devices).toEqual([{ deviceId: 'm', uuid: 'MIG-0001', utilizationJudged: false, findings: ['mig-not-judged'] }]);
      await expect(rows('m')).resolves.toEqual([{ rule: 'mig-not-judged', status: 'open' }]);
    });

    it('never duplicates an open row when two evaluations run at once', async () => {
      series.listed.push(gpu('a'));
      series.series.set('a', steady(0.4, 0.5));

      await Promise.all([engine.evaluate(NOW), engine.evaluate(NOW)]);

      await expect(rows('a')).resolves.toEqual([{ rule: 'under-utilized', status: 'open' }]);
    });
  });

  describe('dismiss', () => {
    it('refuses a recommendation that is not open (409) and an unknown one (404)', async () => {
      series.listed.push(gpu('a'));
      series.series.set('a', steady(0.4, 0.5));
      await engine.evaluate(NOW);
      const [row] = (await repository.listPage(10, undefined, {})).items;
      const dismissal = moduleRef.get(RecommendationDismissal);
      await dismissal.dismiss(row!.id, null, 'first');

      await expect(dismissal.dismiss(row!.id, null, 'again')).rejects.toMatchObject({ code: GpuExceptionCode.RECOMMENDATION_NOT_OPEN, status: 409 });
      await expect(dismissal.dismiss('00000000-0000-4000-8000-000000000000', null, 'x')).rejects.toMatchObject({ code: GpuExceptionCode.RECOMMENDATION_NOT_FOUND, status: 404 });
    });
  });

  describe('listPage', () => {
    it('pages newest first and filters by status, device and rule', async () => {
      series.listed.push(gpu('a'), gpu('b'), gpu('c'));
      series.series.set('a', steady(0.4, 0.5));
      series.series.set('b', steady(0.4, 0.97));
      series.series.set('c', steady(0.01, 0.01));
      await engine.evaluate(NOW);

      const first = await repository.listPage(2, undefined, {});
      const second = await repository.listPage(2, first.nextCursor!, {});

      expect(first.items).toHaveLength(2);
      expect(second.items).toHaveLength(2);
      expect(second.nextCursor).toBeNull();
      expect([...first.items, ...second.items].map((row) => `${row.deviceId}:${row.rule}`).sort()).toEqual(['a:under-utilized', 'b:memory-pressure', 'b:under-utilized', 'c:idle']);
      await expect(repository.listPage(10, undefined, { deviceId: 'b', rule: 'memory-pressure', status: 'open' })).resolves.toMatchObject({ items: [{ deviceId: 'b', rule: 'memory-pressure' }] });
      await expect(repository.listPage(10, undefined, { status: 'dismissed' })).resolves.toEqual({ items: [], nextCursor: null });
    });
  });
});
