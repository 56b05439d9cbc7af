/** One second of the process, as the runtime sampler saw it; counters are running totals since start. */
export interface RuntimeSample {
  at: number;
  /** CPU time used in the last interval / the interval (1 = one core busy). */
  cpuUtilisation: number;
  /** Share of the interval the event loop was busy (0–1). */
  eventLoopUtilisation: number;
  eventLoopLagP50Ms: number;
  eventLoopLagP99Ms: number;
  eventLoopLagMaxMs: number;
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  /** Lookups answered by L1 or L2, and all lookups (L1 lookups: every lookup starts there). */
  cacheHits: number;
  cacheLookups: number;
  threatDetections: number;
  dbPool: { total: number; idle: number; active: number; waiting: number; max: number } | null;
}
