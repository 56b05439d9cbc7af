import type { Aggregation } from './signal.types.js';

/** One aggregation over a series of numbers, oldest first; `null` for an empty series. */
export function aggregate(values: readonly number[], aggregation: Aggregation): number | null {
  if (values.length === 0) {
    return null;
  }
  switch (aggregation) {
    case 'value':
      return values.at(-1)!;
    case 'mean':
      return values.reduce((sum, value) => sum + value, 0) / values.length;
    case 'max':
      return Math.max(...values);
    case 'p50':
      return percentile(values, 50);
    case 'p95':
      return percentile(values, 95);
    case 'p99':
      return percentile(values, 99);
  }
}

/** Nearest-rank percentile. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
