import { MetricsRegistry } from '@app/common';
import { Counter } from 'prom-client';

import { HdrRequestStats } from '../requests/hdr-request-stats.js';
import type { RuntimeSample } from '../runtime/runtime-sample.js';
import type { RuntimeSampler } from '../runtime/runtime-sampler.service.js';
import { MonitoringSignalReader } from './signal-reader.service.js';
import type { RegressionSource } from './signal.types.js';

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);

function sample(at: number, fields: Partial<RuntimeSample>): RuntimeSample {
  return {
    at,
    cpuUtilisation: 0,
    eventLoopUtilisation: 0,
    eventLoopLagP50Ms: 0,
    eventLoopLagP99Ms: 0,
    eventLoopLagMaxMs: 0,
    rssBytes: 0,
    heapUsedBytes: 0,
    heapTotalBytes: 0,
    cacheHits: 0,
    cacheLookups: 0,
    threatDetections: 0,
    dbPool: null,
    ...fields,
  };
}

describe(MonitoringSignalReader.name, () => {
  let requests: HdrRequestStats;
  let samples: RuntimeSample[];
  let registry: MetricsRegistry;
  let reader: MonitoringSignalReader;

  beforeEach(() => {
    requests = new HdrRequestStats(() => T0 + 5_000);
    samples = [];
    registry = new MetricsRegistry();
    const runtime = { window: () => samples, latest: () => samples.at(-1) } as unknown as RuntimeSampler;
    const regressions: RegressionSource = { regressedRouteCount: () => 2 };
    reader = new MonitoringSignalReader(requests, runtime, registry, regressions);
  });

  describe('read', () => {
    it('reads latency, error rate and rate of one route, of one route over its methods, or of all', async () => {
      for (let i = 0; i < 9; i += 1) {
        requests.record('GET', '/v1/x', 200, 0.01);
      }
      requests.record('GET', '/v1/x', 500, 0.2);
      requests.record('POST', '/v1/x', 200, 0.5);
      expect(await reader.read({ signal: 'http.error_rate', aggregation: 'value', window: '1m', route: '/v1/x', method: 'get' })).toBeCloseTo(0.1);
      expect(await reader.read({ signal: 'http.latency_ms', aggregation: 'max', window: '1m', route: '/v1/x' })).toBeCloseTo(500, -1);
      expect(await reader.read({ signal: 'http.latency_ms', aggregation: 'p50', window: '1m', route: '/v1/x', method: 'GET' })).toBeCloseTo(10, 0);
      expect(await reader.read({ signal: 'http.error_rate', aggregation: 'value', window: '1m' })).toBeCloseTo(1 / 11);
      expect(await reader.read({ signal: 'http.rps', aggregation: 'value', window: '1m' })).toBeGreaterThan(0);
    });

    it('has no latency or error rate without traffic, and a rate of 0', async () => {
      expect(await reader.read({ signal: 'http.latency_ms', aggregation: 'p95', window: '5m' })).toBeNull();
      expect(await reader.read({ signal: 'http.error_rate', aggregation: 'value', window: '5m', route: '/nowhere' })).toBeNull();
      expect(await reader.read({ signal: 'http.rps', aggregation: 'value', window: '5m', route: '/nowhere' })).toBe(0);
    });

    it('aggregates runtime samples over the window', async () => {
      samples = [sample(T0, { cpuUtilisation: 0.2, eventLoopLagP99Ms: 5 }), sample(T0 + 1_000, { cpuUtilisation: 0.6, eventLoopLagP99Ms: 50 })];
      expect(await reader.read({ signal: 'runtime.cpu_utilisation', aggregation: 'mean', window: '1m' })).toBeCloseTo(0.4);
      expect(await reader.read({ signal: 'runtime.cpu_utilisation', aggregation: 'value', window: '1m' })).toBeCloseTo(0.6);
      expect(await reader.read({ signal: 'runtime.event_loop_lag_ms', aggregation: 'max', window: '1m' })).toBe(50);
    });

    it('turns running totals into growth and ratios over the window', async () => {
      samples = [sample(T0, { cacheHits: 10, cacheLookups: 20, threatDetections: 3 }), sample(T0 + 60_000, { cacheHits: 40, cacheLookups: 60, threatDetections: 7 })];
      expect(await reader.read({ signal: 'cache.hit_ratio', aggregation: 'value', window: '5m' })).toBeCloseTo(0.75);
      expect(await reader.read({ signal: 'threat.detections', aggregation: 'value', window: '5m' })).toBe(4);
      samples = [samples[1]!];
      expect(await reader.read({ signal: 'cache.hit_ratio', aggregation: 'value', window: '5m' })).toBeNull();
    });

    it('reads the pool, the regressions and any registry metric by name and labels', async () => {
      samples = [sample(T0, { dbPool: { total: 5, idle: 1, active: 4, waiting: 3, max: 5 } })];
      const counter = new Counter({ name: 'bulwark_test_things_total', help: 'test', labelNames: ['kind'], registers: [registry] });
      counter.inc({ kind: 'a' }, 2);
      counter.inc({ kind: 'b' }, 5);
      expect(await reader.read({ signal: 'db.pool_waiting', aggregation: 'value', window: '1m' })).toBe(3);
      expect(await reader.read({ signal: 'regressions', aggregation: 'value', window: '5m' })).toBe(2);
      expect(await reader.read({ signal: 'metric', aggregation: 'value', window: '1m', metric: 'bulwark_test_things_total' })).toBe(7);
      expect(await reader.read({ signal: 'metric', aggregation: 'value', window: '1m', metric: 'bulwark_test_things_total', labels: { kind: 'b' } })).toBe(5);
      expect(await reader.read({ signal: 'metric', aggregation: 'value', window: '1m', metric: 'bulwark_no_such_metric' })).toBeNull();
    });
  });
});
