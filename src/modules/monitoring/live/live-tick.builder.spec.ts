import { Logger } from '@nestjs/common';

import type { RuntimeSampler } from '../runtime/runtime-sampler.service.js';
import type { MonitoringSummary } from '../summary/monitoring-summary.js';
import type { MonitoringSummaryService } from '../summary/monitoring-summary.service.js';
import type { ActiveAlertsSource } from './active-alerts.source.js';
import { LiveTickBuilder } from './live-tick.builder.js';

const STATS = { requests: 0, errors: 0, rps: 0, errorRate: 0, meanMs: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0, maxMs: 0 };
const SUMMARY: MonitoringSummary = {
  window: '1m',
  generatedAt: '2026-11-23T12:00:00.000Z',
  requests: STATS,
  routes: [],
  routesOmitted: 0,
  runtime: { cpuUtilisation: null, eventLoopUtilisation: null, eventLoopLagMs: { p50: null, p99: null, max: null }, rssBytes: null, heapUsedBytes: null, heapTotalBytes: null, uptimeSeconds: 0 },
  database: { pool: null },
  cache: { hitRatio: null },
  threat: { detections: null },
  regressions: [],
  gpu: null,
};

function builder(alerts?: ActiveAlertsSource): { build: LiveTickBuilder; windows: string[] } {
  const windows: string[] = [];
  const summaries = {
    summary: (window: string, limit: number): Promise<MonitoringSummary> => {
      windows.push(`${window}:${limit}`);
      return Promise.resolve(SUMMARY);
    },
  } as unknown as MonitoringSummaryService;
  const runtime = { latest: () => undefined } as unknown as RuntimeSampler;
  return { build: new LiveTickBuilder(runtime, summaries, alerts), windows };
}

describe(LiveTickBuilder.name, () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  afterAll(() => {
    Logger.overrideLogger(['error', 'warn', 'log']);
  });

  describe('build', () => {
    it('reads the summary over one minute for the five busiest routes', async () => {
      const { build, windows } = builder();
      await build.build();
      expect(windows).toEqual(['1m:5']);
    });

    it('has alerts null while no alerts source is wired', async () => {
      expect((await builder().build.build()).alerts).toBeNull();
    });

    it('carries the active alerts once a source is provided', async () => {
      const source: ActiveAlertsSource = { counts: () => Promise.resolve({ firing: 2, pending: 1 }) };
      expect((await builder(source).build.build()).alerts).toEqual({ firing: 2, pending: 1 });
    });

    it('still builds the tick, with alerts null, when the source fails', async () => {
      const source: ActiveAlertsSource = { counts: () => Promise.reject(new Error('alerts table unreachable')) };
      const tick = await builder(source).build.build();
      expect(tick.alerts).toBeNull();
      expect(tick.at).toBe(SUMMARY.generatedAt);
    });
  });
});
