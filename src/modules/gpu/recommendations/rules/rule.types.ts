import type { DeviceRef, MinuteRollup } from '../gpu-series.types.js';

export const RULE_IDS = ['idle', 'under-utilized', 'bursty', 'memory-pressure', 'thermal-throttling', 'power-throttling', 'xid', 'mig-fit', 'mig-not-judged'] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Why a finding holds: enough for a reader to check it without the raw series. Stored as jsonb. */
export interface Evidence {
  rule: { id: RuleId; version: number; source: string };
  window: { from: string; to: string };
  /** Samples in the minutes the rule used. */
  sampleCount: number;
  /** Minutes with a value for what the rule reads. */
  minutesCovered: number;
  statistics: Record<string, number | null>;
  thresholds: Record<string, number | string>;
  /** Rule-specific detail: Xid codes with their actions, the MIG profile chosen. */
  details?: Record<string, unknown>;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  title: string;
  detail: string;
  evidence: Evidence;
}

/** Everything a rule reads about one device. */
export interface RuleInput {
  device: DeviceRef;
  minutes: readonly MinuteRollup[];
  /** Xid code → count in the window. */
  xidCounts: Readonly<Record<string, number>>;
  window: { from: Date; to: Date };
}

/** A rule: pure, one finding or none. */
export type Rule = (input: RuleInput) => Finding | null;
