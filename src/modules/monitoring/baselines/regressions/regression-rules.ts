import type { RequestWindowStats } from '../../signals/request-stats.js';
import type { BaselineRoute } from '../baseline-route.js';

/** The figures of a route compared with its baseline. */
export const REGRESSION_METRICS = ['p95Ms', 'p99Ms', 'errorRate'] as const;
export type RegressionMetric = (typeof REGRESSION_METRICS)[number];

/**
 * Latency must also grow by this much: a relative margin on a sub-millisecond route would flag garbage-collection
 * and scheduling jitter (0.4 ms → 0.6 ms) that no caller can feel.
 */
export const LATENCY_FLOOR_MS = 2;

/**
 * The error rate must also grow by this much (one percentage point): a relative margin on a rate near zero means
 * nothing (0 × 1.2 is 0, so a single 5xx would be a regression, and 0.1 % → 0.15 % is noise at these volumes).
 */
export const ERROR_RATE_FLOOR = 0.01;

/** One figure of a route above its threshold right now. */
export interface Exceedance {
  metric: RegressionMetric;
  baseline: number;
  current: number;
  threshold: number;
  /** current / baseline; null when the baseline is 0. */
  ratio: number | null;
}

/** The value a figure must exceed to count as regressed: baseline × (1 + margin), and at least baseline + floor. */
export function thresholdOf(metric: RegressionMetric, baseline: number, margin: number): number {
  const floor = metric === 'errorRate' ? ERROR_RATE_FLOOR : LATENCY_FLOOR_MS;
  return Math.max(baseline * (1 + margin), baseline + floor);
}

/** The figures of `current` above their thresholds against `baseline`. */
export function exceedances(baseline: BaselineRoute, current: RequestWindowStats, margin: number): Exceedance[] {
  const found: Exceedance[] = [];
  for (const metric of REGRESSION_METRICS) {
    const threshold = thresholdOf(metric, baseline[metric], margin);
    if (current[metric] > threshold) {
      found.push({
        metric,
        baseline: baseline[metric],
        current: current[metric],
        threshold,
        ratio: baseline[metric] > 0 ? current[metric] / baseline[metric] : null,
      });
    }
  }
  return found;
}
