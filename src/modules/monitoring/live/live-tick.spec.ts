import type { RuntimeSample } from '../runtime/runtime-sample.js';
import type { RouteWindowStats } from '../signals/request-stats.js';
import type { MonitoringSummary } from '../summary/monitoring-summary.js';
import { LIVE_TOP_ROUTES, toLiveTick } from './live-tick.js';

const AT = '2026-11-23T12:00:00.000Z';
const STATS = { requests: 120, errors: 6, rps: 2, errorRate: 0.05, meanMs: 12, p50Ms: 8, p95Ms: 40, p99Ms: 90, maxMs: 130 };

function route(index: number): RouteWindowStats {
  return { ...STATS, method: 'GET', route: `/v1/things/${index}`, requests: 100 - index };
}

function summary(overrides: Partial<MonitoringSummary> = {}): MonitoringSummary {
  return {
    window: '1m',
    generatedAt: AT,
    requests: STATS,
    routes: Array.from({ length: 8 }, (_, index) => route(index)),
    routesOmitted: 0,
    runtime: { cpuUtilisation: 0.3, eventLoopUtilisation: 0.2, eventLoopLagMs: { p50: 1, p99: 5, max: 9 }, rssBytes: 1, heapUsedBytes: 1, heapTotalBytes: 1, uptimeSeconds: 1 },
    database: { pool: { total: 4, idle: 3, active: 1, waiting: 0, max: 10 } },
    cache: { hitRatio: 0.9 },
    threat: { detections: 0 },
    regressions: [],
    gpu: null,
    ...overrides,
  };
}

const SAMPLE: RuntimeSample = {
  at: Date.parse(AT),
  cpuUtilisation: 0.45,
  eventLoopUtilisation: 0.25,
  eventLoopLagP50Ms: 1.5,
  eventLoopLagP99Ms: 12.5,
  eventLoopLagMaxMs: 20,
  rssBytes: 300_000_000,
  heapUsedBytes: 90_000_000,
  heapTotalBytes: 120_000_000,
  cacheHits: 9,
  cacheLookups: 10,
  threatDetections: 0,
  dbPool: null,
};

describe('toLiveTick', () => {
  it('takes the overall request figures, cache and pool from the summary and the process from the latest sample', () => {
    expect(toLiveTick(summary(), SAMPLE, { firing: 1, pending: 2 })).toEqual({
      at: AT,
      window: '1m',
      requests: { requests: 120, rps: 2, errorRate: 0.05, p50Ms: 8, p95Ms: 40, p99Ms: 90 },
      topRoutes: expect.any(Array),
      runtime: { cpuUtilisation: 0.45, eventLoopUtilisation: 0.25, eventLoopLagP99Ms: 12.5, heapUsedBytes: 90_000_000, rssBytes: 300_000_000 },
      cache: { hitRatio: 0.9 },
      dbPool: { active: 1, idle: 3, waiting: 0, max: 10 },
      alerts: { firing: 1, pending: 2 },
      gpu: null,
    });
  });

  it('lists the five busiest routes in the summary order, with their own rate, errors and p95', () => {
    const tick = toLiveTick(summary(), SAMPLE, null);
    expect(tick.topRoutes).toHaveLength(LIVE_TOP_ROUTES);
    expect(tick.topRoutes.map((r) => r.route)).toEqual(['/v1/things/0', '/v1/things/1', '/v1/things/2', '/v1/things/3', '/v1/things/4']);
    expect(tick.topRoutes[0]).toEqual({ method: 'GET', route: '/v1/things/0', requests: 100, rps: 2, errorRate: 0.05, p95Ms: 40 });
  });

  it('says null for what is not known yet: no runtime sample, no pool, no cache lookups, no alerts source', () => {
    const tick = toLiveTick(summary({ database: { pool: null }, cache: { hitRatio: null } }), undefined, null);
    expect(tick).toMatchObject({ runtime: null, dbPool: null, cache: { hitRatio: null }, alerts: null, gpu: null });
  });

  it('carries the GPU fleet figures without the per-device list', () => {
    const device = { uuid: 'GPU-1', model: 'NVIDIA H100', host: 'a', utilisation: 0.8, memoryUsedBytes: 4e9, powerWatts: 300, temperatureCelsius: 61 };
    const gpu = { devices: 1, utilisationMean: 0.8, utilisationMax: 0.8, memoryUsedBytes: 4e9, powerWatts: 300, temperatureMaxCelsius: 61, openRecommendations: 2, busiest: [device], devicesOmitted: 0 };
    expect(toLiveTick(summary({ gpu }), SAMPLE, null).gpu).toEqual({
      devices: 1,
      utilisationMean: 0.8,
      utilisationMax: 0.8,
      memoryUsedBytes: 4e9,
      powerWatts: 300,
      temperatureMaxCelsius: 61,
      openRecommendations: 2,
    });
  });
});
