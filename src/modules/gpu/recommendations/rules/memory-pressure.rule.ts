import { MEMORY_PRESSURE, RULE_SOURCES } from '../recommendation.constants.js';
import type { Finding, RuleInput } from './rule.types.js';
import { evidence, maxOf, memoryAverage, memoryMaxOf, percent, round } from './series-stats.util.js';

/** Memory pressure: used memory reached 95% at some minute, or averaged 90%; out-of-memory failures come next. */
export function memoryPressureRule(input: RuleInput): Finding | null {
  const coverage = memoryMaxOf(input.minutes);
  const max = maxOf(coverage.values);
  const avg = memoryAverage(input.minutes);
  if (coverage.minutesCovered < MEMORY_PRESSURE.minMinutes || max === null) {
    return null;
  }
  const atPeak = max >= MEMORY_PRESSURE.maxRatio;
  const sustained = avg !== null && avg >= MEMORY_PRESSURE.avgRatio;
  if (!atPeak && !sustained) {
    return null;
  }
  const minutesAtPeak = coverage.values.filter((value) => value >= MEMORY_PRESSURE.maxRatio).length;
  return {
    rule: 'memory-pressure',
    severity: 'warning',
    title: 'GPU memory is nearly full',
    detail: `Memory used peaked at ${percent(max)} (average ${percent(avg)}; ${minutesAtPeak} minutes at or above ${percent(MEMORY_PRESSURE.maxRatio)}): reduce batch size or sequence length, quantise the model, or move to a GPU with more memory.`,
    evidence: evidence(
      input,
      { id: 'memory-pressure', version: MEMORY_PRESSURE.version, source: RULE_SOURCES.ours },
      coverage,
      { memoryUsedRatioMax: round(max), memoryUsedRatioAvg: round(avg), minutesAtOrAboveMax: minutesAtPeak },
      { maxRatio: MEMORY_PRESSURE.maxRatio, avgRatio: MEMORY_PRESSURE.avgRatio, minMinutes: MEMORY_PRESSURE.minMinutes },
    ),
  };
}
