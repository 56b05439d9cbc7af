/**
 * Every threshold the recommendation rules use, in one place, with where it comes from. Utilisation statistics are
 * taken over the per-minute average utilisation of the window (one value per covered minute); a minute whose value
 * is null (N/A, not supported) is not covered, never read as 0.
 */

/** How far back one evaluation reads rollups, and how often the scheduler evaluates. */
export const RECOMMENDATION_WINDOW_MS = 24 * 3_600_000;
export const RECOMMENDATION_INTERVAL_MS = 5 * 60_000;

/** Arbitrary, fixed: the advisory lock every instance takes to write findings ("gprecs" in ASCII). */
export const RECOMMENDATIONS_LOCK_KEY = 0x677072656373;

export const RULE_SOURCES = {
  ours: 'ours (Bulwark defaults)',
  sageMaker: 'AWS SageMaker Inference Recommender: an instance is under-utilised when p95 GPU utilisation is below 70%',
  nvidiaXid: 'NVIDIA Xid Errors catalogue (docs.nvidia.com/deploy/xid-errors)',
  nvidiaThrottle: 'NVIDIA NVML clocks event reasons (nvmlClocksEventReasons: thermal slowdown, power cap)',
  nvidiaMig: 'NVIDIA MIG User Guide: supported profiles per GPU',
} as const;

/** Fewer covered minutes than this and the utilisation rules (idle, under-utilised, bursty, MIG fit) say nothing. */
export const MIN_UTILIZATION_MINUTES = 60;

export const IDLE = { version: 1, maxP95Utilization: 0.05, maxMemoryUsedRatio: 0.1, minMinutes: MIN_UTILIZATION_MINUTES } as const;

export const UNDER_UTILIZED = { version: 1, maxP95Utilization: 0.7, minMinutes: MIN_UTILIZATION_MINUTES } as const;

export const BURSTY = { version: 1, minP95Utilization: 0.7, maxP5Utilization: 0.1, minMinutes: MIN_UTILIZATION_MINUTES } as const;

/** Pressure when memory ever reaches 95% in the window, or averages 90% (sample-weighted). */
export const MEMORY_PRESSURE = { version: 1, maxRatio: 0.95, avgRatio: 0.9, minMinutes: 5 } as const;

/**
 * Share of the window's samples with a reason of the group active. A minute counts the largest of its group's
 * reason counts (a sample can carry two thermal reasons at once, so adding them would count it twice).
 * `hw_slowdown` is left out: NVML sets it for thermal and power-brake causes alike.
 */
export const THERMAL_THROTTLING = {
  version: 1,
  reasons: ['hw_thermal_slowdown', 'sw_thermal_slowdown'],
  minShare: 0.05,
  minMinutes: 15,
} as const;

/** Power capping is normal for a GPU at full load; it is reported (info) only when it holds a large share. */
export const POWER_THROTTLING = {
  version: 1,
  reasons: ['sw_power_cap', 'hw_power_brake_slowdown'],
  minShare: 0.25,
  minMinutes: 15,
} as const;

export const XID = { version: 1 } as const;

/** Used memory and p95 utilisation both get this headroom before a MIG profile is said to fit them. */
export const MIG_FIT = { version: 1, headroom: 0.2, minMinutes: MIN_UTILIZATION_MINUTES } as const;

export const MIG_NOT_JUDGED = { version: 1 } as const;
