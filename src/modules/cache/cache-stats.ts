import type { BreakerState } from './l2/l2-breaker.js';
import type { CacheTiers } from './core/cache-tiers.js';
import type { LatencyPercentiles } from './core/latency-window.js';

export interface TierCounts {
  hits: number;
  misses: number;
  /** hits / (hits + misses); null before the first lookup. */
  hitRatio: number | null;
}

export interface CacheStats {
  l1: TierCounts & { entries: number; bytes: number };
  l2: (TierCounts & { configured: true; state: BreakerState; errors: number; latency: LatencyPercentiles }) | { configured: false };
  graceServed: number;
  loaderRuns: number;
  loaderFailures: number;
  loadsInFlight: number;
  invalidations: { keys: number; tags: number; patterns: number; clears: number; remote: number };
}

function counts(hits: number, misses: number): TierCounts {
  return { hits, misses, hitRatio: hits + misses === 0 ? null : Math.round((hits / (hits + misses)) * 10_000) / 10_000 };
}

export function cacheStats(tiers: CacheTiers, loadsInFlight: number): CacheStats {
  const { counters, l1, shared } = tiers;
  return {
    l1: { ...counts(counters.l1Hits, counters.l1Misses), entries: l1.entries, bytes: l1.bytes },
    l2:
      shared === null
        ? { configured: false }
        : { configured: true, state: shared.breaker.state, ...counts(counters.l2Hits, counters.l2Misses), errors: counters.l2Errors, latency: shared.latency.percentiles() },
    graceServed: counters.graceServed,
    loaderRuns: counters.loaderRuns,
    loaderFailures: counters.loaderFailures,
    loadsInFlight,
    invalidations: { ...counters.invalidations },
  };
}
