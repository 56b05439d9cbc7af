import type { GpuSample } from '../telemetry/gpu-telemetry.types.js';

/** Joins a sample's throttle reasons into one array cell; the unit separator cannot occur in a reason name. */
export const THROTTLE_SEPARATOR = '\u001f';

/** A sample with its device resolved to the gpu_devices id. */
export interface ResolvedSample {
  deviceId: string;
  sample: GpuSample;
}

/** The eleven column arrays of an `unnest` insert, in gpu_samples column order. */
export type SampleColumns = [
  string[],
  string[],
  (number | null)[],
  (number | null)[],
  (number | null)[],
  (number | null)[],
  (number | null)[],
  (number | null)[],
  (number | null)[],
  (number | null)[],
  string[],
];

const whole = (value: number | null): number | null => (value === null ? null : Math.round(value));

/**
 * Turns rows into one array per column: the whole batch then travels as eleven bind parameters, whatever its size
 * (a VALUES list needs eleven per row and stops at 65,535), and PostgreSQL parses and plans one statement.
 */
export function toSampleColumns(rows: readonly ResolvedSample[]): SampleColumns {
  const columns: SampleColumns = [[], [], [], [], [], [], [], [], [], [], []];
  for (const { deviceId, sample } of rows) {
    columns[0].push(deviceId);
    columns[1].push(sample.sampledAt);
    columns[2].push(sample.utilizationRatio);
    columns[3].push(sample.memoryUtilizationRatio);
    columns[4].push(whole(sample.memoryUsedBytes));
    columns[5].push(whole(sample.memoryTotalBytes));
    columns[6].push(sample.powerWatts);
    columns[7].push(sample.temperatureCelsius);
    columns[8].push(whole(sample.smClockMhz));
    columns[9].push(whole(sample.memoryClockMhz));
    columns[10].push(sample.throttleReasons.join(THROTTLE_SEPARATOR));
  }
  return columns;
}
