import { MIG_FIT, MIG_NOT_JUDGED, RULE_SOURCES } from '../recommendation.constants.js';
import { migModelOf } from './mig-profiles.constants.js';
import type { Finding, RuleInput } from './rule.types.js';
import { evidence, isMig, maxOf, memoryMaxOf, percent, percentile, round, utilizationOf } from './series-stats.util.js';
import { idleRule } from './utilization.rules.js';

/**
 * MIG fit: a whole, non-MIG GPU whose peak memory and p95 utilisation (each with headroom) fit a smaller MIG
 * profile; the smallest that fits is named. An idle GPU gets the idle finding instead.
 */
export function migFitRule(input: RuleInput): Finding | null {
  const model = migModelOf(input.device);
  if (isMig(input) || model === null) {
    return null;
  }
  const utilization = utilizationOf(input.minutes);
  const memory = memoryMaxOf(input.minutes);
  const p95 = percentile(utilization.values, 0.95);
  const memoryMax = maxOf(memory.values);
  if (utilization.minutesCovered < MIG_FIT.minMinutes || memory.minutesCovered < MIG_FIT.minMinutes || p95 === null || memoryMax === null) {
    return null;
  }
  const needCompute = p95 * (1 + MIG_FIT.headroom);
  const needMemory = memoryMax * (1 + MIG_FIT.headroom);
  const profile = model.profiles.find((candidate) => candidate.computeShare >= needCompute && candidate.memoryShare >= needMemory);
  if (profile === undefined || idleRule(input) !== null) {
    return null;
  }
  const total = input.device.memoryTotalBytes;
  return {
    rule: 'mig-fit',
    severity: 'info',
    title: `Workload fits MIG profile ${profile.name}`,
    detail: `p95 utilisation ${percent(p95)} and peak memory ${percent(memoryMax)} of this ${model.model} fit ${profile.name} (${percent(profile.computeShare)} compute, ${percent(profile.memoryShare)} memory) with ${percent(MIG_FIT.headroom)} headroom: enable MIG and share the GPU. nvidia-smi utilisation counts time with any kernel running, so try it before committing.`,
    evidence: evidence(
      input,
      { id: 'mig-fit', version: MIG_FIT.version, source: RULE_SOURCES.nvidiaMig },
      utilization,
      { utilizationP95: round(p95), memoryUsedRatioMax: round(memoryMax), memoryUsedBytesMax: total === null ? null : Math.round(memoryMax * total) },
      { headroom: MIG_FIT.headroom, minMinutes: MIG_FIT.minMinutes },
      { model: model.model, profile: { ...profile, computeShare: round(profile.computeShare), memoryShare: round(profile.memoryShare) } },
    ),
  };
}

/** A MIG device: its GPU utilisation is not reported per instance, so the utilisation rules do not judge it. */
export function migNotJudgedRule(input: RuleInput): Finding | null {
  if (!isMig(input)) {
    return null;
  }
  const utilization = utilizationOf(input.minutes);
  return {
    rule: 'mig-not-judged',
    severity: 'info',
    title: 'Utilisation not judged (MIG)',
    detail: `${input.device.uuid.startsWith('MIG-') ? 'This is a MIG instance' : 'MIG is enabled on this GPU'}: NVML does not report utilisation for it, so idle, under-utilised, bursty and MIG-fit are not judged (missing is not 0%). Memory, throttling and Xid rules still apply.`,
    evidence: evidence(
      input,
      { id: 'mig-not-judged', version: MIG_NOT_JUDGED.version, source: RULE_SOURCES.nvidiaMig },
      utilization,
      { utilizationMinutesCovered: utilization.minutesCovered },
      {},
      { migEnabled: input.device.migEnabled, uuid: input.device.uuid, skippedRules: ['idle', 'under-utilized', 'bursty', 'mig-fit'] },
    ),
  };
}
