import { BURSTY, IDLE, RULE_SOURCES, UNDER_UTILIZED } from '../recommendation.constants.js';
import type { Finding, RuleInput } from './rule.types.js';
import { evidence, isMig, maxOf, memoryMaxOf, percent, percentile, round, utilizationOf, type Coverage } from './series-stats.util.js';

interface UtilizationStats {
  coverage: Coverage;
  p95: number | null;
  p5: number | null;
}

/** Null when the device cannot be judged on utilisation: MIG, or fewer covered minutes than the rules need. */
function utilizationStats(input: RuleInput, minMinutes: number): UtilizationStats | null {
  if (isMig(input)) {
    return null;
  }
  const coverage = utilizationOf(input.minutes);
  if (coverage.minutesCovered < minMinutes) {
    return null;
  }
  return { coverage, p95: percentile(coverage.values, 0.95), p5: percentile(coverage.values, 0.05) };
}

/** Idle: p95 utilisation under 5% and memory never above 10%, over at least an hour of data. */
export function idleRule(input: RuleInput): Finding | null {
  const stats = utilizationStats(input, IDLE.minMinutes);
  const memory = memoryMaxOf(input.minutes);
  const memoryMax = maxOf(memory.values);
  if (stats === null || stats.p95 === null || memoryMax === null || memory.minutesCovered < IDLE.minMinutes) {
    return null;
  }
  if (stats.p95 >= IDLE.maxP95Utilization || memoryMax >= IDLE.maxMemoryUsedRatio) {
    return null;
  }
  return {
    rule: 'idle',
    severity: 'warning',
    title: 'GPU is idle',
    detail: `p95 utilisation ${percent(stats.p95)} and memory at most ${percent(memoryMax)} over ${stats.coverage.minutesCovered} minutes: release the GPU or consolidate its work elsewhere.`,
    evidence: evidence(
      input,
      { id: 'idle', version: IDLE.version, source: RULE_SOURCES.ours },
      stats.coverage,
      { utilizationP95: round(stats.p95), memoryUsedRatioMax: round(memoryMax), memoryMinutesCovered: memory.minutesCovered },
      { maxP95Utilization: IDLE.maxP95Utilization, maxMemoryUsedRatio: IDLE.maxMemoryUsedRatio, minMinutes: IDLE.minMinutes },
    ),
  };
}

/** Under-utilised (SageMaker's rule): p95 utilisation under 70%. An idle GPU gets the idle finding instead. */
export function underUtilizedRule(input: RuleInput): Finding | null {
  const stats = utilizationStats(input, UNDER_UTILIZED.minMinutes);
  if (stats === null || stats.p95 === null || stats.p95 >= UNDER_UTILIZED.maxP95Utilization || idleRule(input) !== null) {
    return null;
  }
  return {
    rule: 'under-utilized',
    severity: 'info',
    title: 'GPU is under-utilised',
    detail: `p95 utilisation ${percent(stats.p95)} (< ${percent(UNDER_UTILIZED.maxP95Utilization)}) over ${stats.coverage.minutesCovered} minutes: batch more work onto it, share it (MIG, MPS) or move to a smaller GPU.`,
    evidence: evidence(
      input,
      { id: 'under-utilized', version: UNDER_UTILIZED.version, source: RULE_SOURCES.sageMaker },
      stats.coverage,
      { utilizationP95: round(stats.p95), utilizationP5: round(stats.p5) },
      { maxP95Utilization: UNDER_UTILIZED.maxP95Utilization, minMinutes: UNDER_UTILIZED.minMinutes },
    ),
  };
}

/** Bursty: busy at peak (p95 >= 70%) yet mostly waiting (p5 < 10%). */
export function burstyRule(input: RuleInput): Finding | null {
  const stats = utilizationStats(input, BURSTY.minMinutes);
  if (stats === null || stats.p95 === null || stats.p5 === null) {
    return null;
  }
  if (stats.p95 < BURSTY.minP95Utilization || stats.p5 >= BURSTY.maxP5Utilization) {
    return null;
  }
  return {
    rule: 'bursty',
    severity: 'info',
    title: 'GPU load is bursty',
    detail: `p95 utilisation ${percent(stats.p95)} but p5 ${percent(stats.p5)} over ${stats.coverage.minutesCovered} minutes: queue or batch requests, or scale GPUs with demand instead of holding peak capacity.`,
    evidence: evidence(
      input,
      { id: 'bursty', version: BURSTY.version, source: RULE_SOURCES.ours },
      stats.coverage,
      { utilizationP95: round(stats.p95), utilizationP5: round(stats.p5) },
      { minP95Utilization: BURSTY.minP95Utilization, maxP5Utilization: BURSTY.maxP5Utilization, minMinutes: BURSTY.minMinutes },
    ),
  };
}
