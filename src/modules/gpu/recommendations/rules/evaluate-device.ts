import { memoryPressureRule } from './memory-pressure.rule.js';
import { migFitRule, migNotJudgedRule } from './mig.rules.js';
import type { Finding, Rule, RuleInput } from './rule.types.js';
import { powerThrottlingRule, thermalThrottlingRule } from './throttling.rules.js';
import { burstyRule, idleRule, underUtilizedRule } from './utilization.rules.js';
import { xidRule } from './xid.rule.js';

/** Every rule, in the order findings are listed. */
export const RULES: readonly Rule[] = [
  xidRule,
  memoryPressureRule,
  thermalThrottlingRule,
  powerThrottlingRule,
  idleRule,
  underUtilizedRule,
  burstyRule,
  migFitRule,
  migNotJudgedRule,
];

/** The findings that hold for one device (at most one per rule). */
export function evaluateDevice(input: RuleInput): Finding[] {
  return RULES.map((rule) => rule(input)).filter((finding): finding is Finding => finding !== null);
}
