import type { GpuSummary } from '../gpu/gpu-summary.js';
import type { Regression } from '../baselines/regressions/regression.js';
import type { RequestWindowStats, RouteWindowStats, WindowName } from '../signals/request-stats.js';

export interface RuntimeSummary {
  /** Means over the window's one-second samples; memory is the latest sample. */
  cpuUtilisation: number | null;
  eventLoopUtilisation: number | null;
  eventLoopLagMs: { p50: number | null; p99: number | null; max: number | null };
  rssBytes: number | null;
  heapUsedBytes: number | null;
  heapTotalBytes: number | null;
  uptimeSeconds: number;
}

export interface MonitoringSummary {
  window: WindowName;
  generatedAt: string;
  requests: RequestWindowStats;
  /** Busiest routes first (by requests in the window). */
  routes: RouteWindowStats[];
  /** Routes with traffic in the window that `routes` left out. */
  routesOmitted: number;
  runtime: RuntimeSummary;
  database: { pool: { total: number; idle: number; active: number; waiting: number; max: number } | null };
  cache: { hitRatio: number | null };
  threat: { detections: number | null };
  /** Sustained regressions against the active baseline (5-minute window, whatever `window` says), worst first. */
  regressions: Regression[];
  /** The GPUs that reported to this instance (latest readings); null where none has. */
  gpu: GpuSummary | null;
}
