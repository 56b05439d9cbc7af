/** What the read API returns, as plain values (the response DTOs document the same shapes). */
export interface GpuSampleView {
  sampledAt: string;
  utilizationRatio: number | null;
  memoryUtilizationRatio: number | null;
  memoryUsedBytes: number | null;
  memoryTotalBytes: number | null;
  powerWatts: number | null;
  temperatureCelsius: number | null;
  smClockMhz: number | null;
  memoryClockMhz: number | null;
  throttleReasons: string[];
}

export interface GpuDeviceView {
  id: string;
  uuid: string;
  host: string;
  index: number;
  name: string;
  pciBusId: string | null;
  driverVersion: string | null;
  memoryTotalBytes: number | null;
  powerLimitWatts: number | null;
  migEnabled: boolean;
  parentUuid: string | null;
  firstSeen: string;
  lastSeen: string;
  latestSample: GpuSampleView | null;
}

export interface GpuMetricPointView {
  /** Start of the bucket. */
  at: string;
  samples: number;
  utilization: { min: number | null; avg: number | null; max: number | null; p95: number | null };
  memoryUsedRatio: { avg: number | null; max: number | null };
  powerWatts: { avg: number | null; max: number | null };
  temperatureCelsius: { max: number | null };
}

export interface GpuMetricsView {
  deviceId: string;
  from: string;
  to: string;
  step: number;
  /** `rollup` (1-minute rollups, step >= 60 s) or `raw` (samples bucketed). */
  source: 'rollup' | 'raw';
  points: GpuMetricPointView[];
}

export interface GpuProcessView {
  pid: number;
  processName: string;
  usedMemoryBytes: number | null;
  seenAt: string;
}

export interface GpuEventView {
  id: string;
  deviceId: string;
  uuid: string;
  at: string;
  kind: 'throttle' | 'xid';
  code: string;
  detail: string;
}
