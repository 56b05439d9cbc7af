import type { MinuteRollup } from '../gpu-series.types.js';
import type { Evidence, RuleId, RuleInput } from './rule.types.js';

/** The values one rule reads, one per covered minute, with what they cover. Null minutes are simply absent. */
export interface Coverage {
  values: number[];
  minutesCovered: number;
  sampleCount: number;
}

/** Nearest-rank percentile (p in 0–1) of values; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) {
    return null;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1] ?? null;
}

/** The minutes where `pick` has a value (null means not measured, never 0). */
export function cover(minutes: readonly MinuteRollup[], pick: (minute: MinuteRollup) => number | null): Coverage {
  const values: number[] = [];
  let sampleCount = 0;
  for (const minute of minutes) {
    const value = pick(minute);
    if (value !== null && Number.isFinite(value)) {
      values.push(value);
      sampleCount += minute.samples;
    }
  }
  return { values, minutesCovered: values.length, sampleCount };
}

export const utilizationOf = (minutes: readonly MinuteRollup[]): Coverage => cover(minutes, (minute) => minute.utilization.avg);

export const memoryMaxOf = (minutes: readonly MinuteRollup[]): Coverage => cover(minutes, (minute) => minute.memoryUsedRatio.max);

/** Sample-weighted mean of the minutes' average memory ratio; null when no minute has one. */
export function memoryAverage(minutes: readonly MinuteRollup[]): number | null {
  let weighted = 0;
  let weights = 0;
  for (const minute of minutes) {
    const avg = minute.memoryUsedRatio.avg;
    if (avg !== null && Number.isFinite(avg)) {
      const weight = Math.max(1, minute.samples);
      weighted += avg * weight;
      weights += weight;
    }
  }
  return weights === 0 ? null : weighted / weights;
}

export function maxOf(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.max(...values);
}

/** Rounds statistics for storage and display (ratios to 4 decimals) without turning null into 0. */
export function round(value: number | null, digits = 4): number | null {
  if (value === null) {
    return null;
  }
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function percent(ratio: number | null): string {
  return ratio === null ? 'n/a' : `${(ratio * 100).toFixed(1)}%`;
}

/** Evidence with the parts every rule shares. */
export function evidence(
  input: RuleInput,
  rule: { id: RuleId; version: number; source: string },
  coverage: Pick<Coverage, 'minutesCovered' | 'sampleCount'>,
  statistics: Evidence['statistics'],
  thresholds: Evidence['thresholds'],
  details?: Record<string, unknown>,
): Evidence {
  return {
    rule,
    window: { from: input.window.from.toISOString(), to: input.window.to.toISOString() },
    sampleCount: coverage.sampleCount,
    minutesCovered: coverage.minutesCovered,
    statistics,
    thresholds,
    ...(details === undefined ? {} : { details }),
  };
}

/** MIG instances (MIG-… uuids) and MIG-enabled GPUs: their GPU utilisation is not a measure of use. */
export function isMig(input: Pick<RuleInput, 'device'>): boolean {
  return input.device.migEnabled || input.device.uuid.startsWith('MIG-');
}
