/**
 * Plain counters on the hot path (a labelled Prometheus increment would cost more than an L1 hit); the metrics
 * provider reads them at scrape time.
 */
export class CacheCounters {
  l1Hits = 0;
  l1Misses = 0;
  l2Hits = 0;
  l2Misses = 0;
  l2Errors = 0;
  graceServed = 0;
  loaderRuns = 0;
  loaderFailures = 0;
  invalidations = { keys: 0, tags: 0, patterns: 0, clears: 0, remote: 0 };
}
