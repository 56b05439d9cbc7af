import type { GpuSample } from '../telemetry/gpu-telemetry.types.js';

/** Joins a sample's throttle reasons into one array cell; the unit separator cannot occur in a reason name. */
export const THROTTLE_SEPARATOR = '\u001f';

/** A sample with its device resolved to the gpu_devices id. */
export interface ResolvedSample {
  deviceId: string;
  sample: GpuSample;
}

const whole = (value: number | null): number | null => (value === null ? null : Math.round(value));

/** Array elements that need no quoting: uuids, ISO timestamps, finite numbers. NULL stays unquoted, so it is null. */
function plainLiteral(values: readonly (string | number | null)[]): string {
  let literal = '{';
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    literal += (i === 0 ? '' : ',') + (value === null || value === undefined ? 'NULL' : String(value));
  }
  return `${literal}}`;
}

/** Text elements, each double-quoted with `"` and `\` escaped (array_in's rules). */
function quotedLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * Turns rows into one PostgreSQL array literal per column: the whole batch then travels as eleven bind parameters,
 * whatever its size (a VALUES list needs eleven per row and stops at 65,535), and PostgreSQL parses and plans one
 * statement. The literals are built here rather than by pg's generic array serialiser, which quotes and escapes
 * every element and cost more than the insert itself in the ingest benchmark. Numbers from JSON are finite (the
 * DTOs and parsers refuse NaN and Infinity), so String() of each is a valid element.
 */
export function toSampleColumns(rows: readonly ResolvedSample[]): string[] {
  const columns: (string | number | null)[][] = Array.from({ length: 10 }, () => new Array<string | number | null>(rows.length));
  const throttles = new Array<string>(rows.length);
  rows.forEach(({ deviceId, sample }, i) => {
    columns[0]![i] = deviceId;
    columns[1]![i] = sample.sampledAt;
    columns[2]![i] = sample.utilizationRatio;
    columns[3]![i] = sample.memoryUtilizationRatio;
    columns[4]![i] = whole(sample.memoryUsedBytes);
    columns[5]![i] = whole(sample.memoryTotalBytes);
    columns[6]![i] = sample.powerWatts;
    columns[7]![i] = sample.temperatureCelsius;
    columns[8]![i] = whole(sample.smClockMhz);
    columns[9]![i] = whole(sample.memoryClockMhz);
    throttles[i] = sample.throttleReasons.join(THROTTLE_SEPARATOR);
  });
  return [...columns.map(plainLiteral), quotedLiteral(throttles)];
}
