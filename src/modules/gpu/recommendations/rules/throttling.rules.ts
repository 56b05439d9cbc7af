import { POWER_THROTTLING, RULE_SOURCES, THERMAL_THROTTLING } from '../recommendation.constants.js';
import type { Finding, RuleId, RuleInput, Severity } from './rule.types.js';
import { evidence, percent, round } from './series-stats.util.js';

interface ThrottleGroup {
  version: number;
  reasons: readonly string[];
  minShare: number;
  minMinutes: number;
}

interface ThrottleStats {
  sampleCount: number;
  minutesCovered: number;
  throttledSamples: number;
  throttledMinutes: number;
  byReason: Record<string, number>;
}

/** Minutes with samples cover the window; each minute adds the largest count among the group's reasons. */
function throttleStats(input: RuleInput, reasons: readonly string[]): ThrottleStats {
  const stats: ThrottleStats = { sampleCount: 0, minutesCovered: 0, throttledSamples: 0, throttledMinutes: 0, byReason: {} };
  for (const minute of input.minutes) {
    if (minute.samples <= 0) {
      continue;
    }
    stats.minutesCovered += 1;
    stats.sampleCount += minute.samples;
    const counts = reasons.map((reason) => minute.throttleSamples[reason] ?? 0);
    const throttled = Math.min(minute.samples, Math.max(0, ...counts));
    stats.throttledSamples += throttled;
    stats.throttledMinutes += throttled > 0 ? 1 : 0;
    reasons.forEach((reason, index) => {
      stats.byReason[reason] = (stats.byReason[reason] ?? 0) + (counts[index] ?? 0);
    });
  }
  return stats;
}

function throttlingRule(input: RuleInput, id: RuleId, group: ThrottleGroup, severity: Severity, title: string, action: string): Finding | null {
  const stats = throttleStats(input, group.reasons);
  if (stats.minutesCovered < group.minMinutes || stats.sampleCount === 0) {
    return null;
  }
  const share = stats.throttledSamples / stats.sampleCount;
  if (share < group.minShare) {
    return null;
  }
  return {
    rule: id,
    severity,
    title,
    detail: `${percent(share)} of samples (${stats.throttledMinutes} minutes) had ${group.reasons.join(' or ')} active: ${action}`,
    evidence: evidence(
      input,
      { id, version: group.version, source: RULE_SOURCES.nvidiaThrottle },
      stats,
      { throttledShare: round(share), throttledSamples: stats.throttledSamples, throttleMinutes: stats.throttledMinutes, ...stats.byReason },
      { minShare: group.minShare, minMinutes: group.minMinutes, reasons: group.reasons.join(',') },
    ),
  };
}

export function thermalThrottlingRule(input: RuleInput): Finding | null {
  return throttlingRule(
    input,
    'thermal-throttling',
    THERMAL_THROTTLING,
    'warning',
    'GPU clocks are held down by temperature',
    'check airflow, fan and inlet temperature; sustained thermal slowdown costs throughput and ages the part.',
  );
}

export function powerThrottlingRule(input: RuleInput): Finding | null {
  return throttlingRule(
    input,
    'power-throttling',
    POWER_THROTTLING,
    'info',
    'GPU clocks are held down by the power cap',
    'expected at full load; if the limit was lowered (nvidia-smi -pl), raise it, or accept the trade of throughput for power.',
  );
}
