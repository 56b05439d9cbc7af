import type { WindowName } from './request-stats.js';

/**
 * What an alert rule can watch. `http.*` come from the per-route windows (optionally one route), `runtime.*` from
 * process sampling, `db.*`/`cache.*`/`threat.*` from the metrics registry, `regressions` from baselines, and
 * `metric` reads any series of the registry by name and labels.
 */
export const SIGNALS = [
  'http.rps',
  'http.error_rate',
  'http.latency_ms',
  'runtime.cpu_utilisation',
  'runtime.event_loop_utilisation',
  'runtime.event_loop_lag_ms',
  'runtime.heap_used_bytes',
  'runtime.rss_bytes',
  'db.pool_waiting',
  'cache.hit_ratio',
  'threat.detections',
  'regressions',
  'metric',
] as const;
export type Signal = (typeof SIGNALS)[number];

export const AGGREGATIONS = ['value', 'mean', 'max', 'p50', 'p95', 'p99'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** Aggregations that make sense for each signal; the first is the default. */
export const SIGNAL_AGGREGATIONS: Record<Signal, readonly Aggregation[]> = {
  'http.rps': ['value'],
  'http.error_rate': ['value'],
  'http.latency_ms': ['p95', 'p50', 'p99', 'mean', 'max'],
  'runtime.cpu_utilisation': ['mean', 'max', 'value'],
  'runtime.event_loop_utilisation': ['mean', 'max', 'value'],
  'runtime.event_loop_lag_ms': ['p99', 'p50', 'mean', 'max', 'value'],
  'runtime.heap_used_bytes': ['value', 'mean', 'max'],
  'runtime.rss_bytes': ['value', 'mean', 'max'],
  'db.pool_waiting': ['value'],
  'cache.hit_ratio': ['value'],
  'threat.detections': ['value'],
  'regressions': ['value'],
  'metric': ['value'],
};

export interface SignalQuery {
  signal: Signal;
  aggregation: Aggregation;
  window: WindowName;
  /** `http.*` only: one route template, and optionally its method; absent: all routes together. */
  route?: string;
  method?: string;
  /** `metric` only: the registry metric name and the label values its series must have (summed over the rest). */
  metric?: string;
  labels?: Record<string, string>;
}

/** Reads the current value of a signal; `null` when there is nothing to read (no traffic, unknown metric). */
export abstract class SignalReader {
  abstract read(query: SignalQuery): Promise<number | null>;
}

/** Routes now flagged as regressed against their baseline (provided by the baselines feature). */
export abstract class RegressionSource {
  abstract regressedRouteCount(): number;
}
