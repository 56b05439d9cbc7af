/** One device's statistics over one minute (the gpu_samples_1m rollup): what the recommendation rules read. */
export interface MinuteRollup {
  /** Start of the minute, ISO-8601 UTC. */
  minute: string;
  samples: number;
  utilization: { min: number | null; avg: number | null; max: number | null; p95: number | null };
  memoryUsedRatio: { avg: number | null; max: number | null };
  powerWatts: { avg: number | null; max: number | null };
  temperatureCelsius: { max: number | null };
  /** Samples in the minute with each throttle reason active. */
  throttleSamples: Record<string, number>;
}

export interface DeviceRef {
  id: string;
  uuid: string;
  host: string;
  name: string;
  migEnabled: boolean;
  memoryTotalBytes: number | null;
}

/** Reads rollups for the rules; implemented over PostgreSQL by the telemetry store. */
export abstract class GpuSeriesSource {
  abstract devices(): Promise<DeviceRef[]>;
  abstract minutes(deviceId: string, from: Date, to: Date): Promise<MinuteRollup[]>;
  /** Xid events of the device in the range, code → count. */
  abstract xidCounts(deviceId: string, from: Date, to: Date): Promise<Record<string, number>>;
}
