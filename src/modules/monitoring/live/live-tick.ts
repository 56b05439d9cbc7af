import type { GpuSummary } from '../gpu/gpu-summary.js';
import type { RuntimeSample } from '../runtime/runtime-sample.js';
import type { MonitoringSummary } from '../summary/monitoring-summary.js';
import type { ActiveAlertCounts } from './active-alerts.source.js';

/** The window ticks read request figures over: short enough to follow a change, long enough to be steady. */
export const LIVE_WINDOW = '1m';
/** Routes a tick lists, busiest first. */
export const LIVE_TOP_ROUTES = 5;

export interface LiveRequests {
  requests: number;
  rps: number;
  errorRate: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export interface LiveRoute {
  method: string;
  route: string;
  requests: number;
  rps: number;
  errorRate: number;
  p95Ms: number;
}

/** The process as the latest one-second runtime sample saw it (null before the first sample). */
export interface LiveRuntime {
  cpuUtilisation: number;
  eventLoopUtilisation: number;
  eventLoopLagP99Ms: number;
  heapUsedBytes: number;
  rssBytes: number;
}

/** The GPU panel: fleet figures, without the per-device list the summary carries. */
export type LiveGpu = Omit<GpuSummary, 'busiest' | 'devicesOmitted'>;

/** One `tick` event of GET /v1/monitoring/stream. */
export interface LiveTick {
  at: string;
  window: typeof LIVE_WINDOW;
  requests: LiveRequests;
  topRoutes: LiveRoute[];
  runtime: LiveRuntime | null;
  cache: { hitRatio: number | null };
  dbPool: { active: number; idle: number; waiting: number; max: number } | null;
  /** Null until an alerts feature provides ActiveAlertsSource. */
  alerts: ActiveAlertCounts | null;
  /** Null where no GPU has reported to this instance. */
  gpu: LiveGpu | null;
}

/** Picks what the dashboard draws out of a summary, the latest runtime sample and the active alerts. */
export function toLiveTick(summary: MonitoringSummary, sample: RuntimeSample | undefined, alerts: ActiveAlertCounts | null): LiveTick {
  const { requests } = summary;
  const pool = summary.database.pool;
  return {
    at: summary.generatedAt,
    window: LIVE_WINDOW,
    requests: { requests: requests.requests, rps: requests.rps, errorRate: requests.errorRate, p50Ms: requests.p50Ms, p95Ms: requests.p95Ms, p99Ms: requests.p99Ms },
    topRoutes: summary.routes.slice(0, LIVE_TOP_ROUTES).map((route) => ({
      method: route.method,
      route: route.route,
      requests: route.requests,
      rps: route.rps,
      errorRate: route.errorRate,
      p95Ms: route.p95Ms,
    })),
    runtime:
      sample === undefined
        ? null
        : {
            cpuUtilisation: sample.cpuUtilisation,
            eventLoopUtilisation: sample.eventLoopUtilisation,
            eventLoopLagP99Ms: sample.eventLoopLagP99Ms,
            heapUsedBytes: sample.heapUsedBytes,
            rssBytes: sample.rssBytes,
          },
    cache: { hitRatio: summary.cache.hitRatio },
    dbPool: pool === null ? null : { active: pool.active, idle: pool.idle, waiting: pool.waiting, max: pool.max },
    alerts,
    gpu: summary.gpu === null ? null : liveGpu(summary.gpu),
  };
}

function liveGpu({ devices, utilisationMean, utilisationMax, memoryUsedBytes, powerWatts, temperatureMaxCelsius, openRecommendations }: GpuSummary): LiveGpu {
  return { devices, utilisationMean, utilisationMax, memoryUsedBytes, powerWatts, temperatureMaxCelsius, openRecommendations };
}
