import { type AttackRow, type BenignRow, sourceOf } from './eval-rows.util.js';

export interface DetectionCount {
  total: number;
  detected: number;
}

export interface FlagCount {
  total: number;
  flagged: number;
}

/** The shape `threat:eval --json` prints (issue 4). */
export interface EvalReport {
  paranoia: number;
  attacks: { byClass: Record<string, DetectionCount>; bySource: Record<string, DetectionCount> };
  benign: { byTier: Record<string, FlagCount> };
  inspectionsPerSecond: number;
}

/** The report, plus detection per class over only the rows meant for this paranoia level (no `pl` or `pl` <= it). */
export interface EvalTally {
  report: EvalReport;
  byClassAtLevel: Record<string, DetectionCount>;
}

/** Whether the engine would block a payload: its score reached the blocking threshold. */
export type Judge = (payload: string) => boolean;

function bump<T extends { total: number }>(table: Record<string, T>, key: string, empty: () => T): T {
  const count = (table[key] ??= empty());
  count.total += 1;
  return count;
}

/**
 * Judges every row once and tallies attacks per class and per source, benign rows per tier. Throughput counts only
 * the time spent in `judge`, read from `now` (milliseconds), so parsing and printing do not dilute it.
 */
export function tally(attacks: readonly AttackRow[], benign: readonly BenignRow[], paranoia: number, judge: Judge, now: () => number): EvalTally {
  const byClassAtLevel: Record<string, DetectionCount> = {};
  const report: EvalReport = { paranoia, attacks: { byClass: {}, bySource: {} }, benign: { byTier: {} }, inspectionsPerSecond: 0 };
  let elapsed = 0;
  const timed = (payload: string): boolean => {
    const start = now();
    const blocked = judge(payload);
    elapsed += now() - start;
    return blocked;
  };
  for (const row of attacks) {
    const detected = timed(row.payload) ? 1 : 0;
    bump(report.attacks.byClass, row.cls, () => ({ total: 0, detected: 0 })).detected += detected;
    bump(report.attacks.bySource, sourceOf(row.src), () => ({ total: 0, detected: 0 })).detected += detected;
    if (row.pl === undefined || row.pl <= paranoia) {
      bump(byClassAtLevel, row.cls, () => ({ total: 0, detected: 0 })).detected += detected;
    }
  }
  for (const row of benign) {
    bump(report.benign.byTier, row.tier, () => ({ total: 0, flagged: 0 })).flagged += timed(row.payload) ? 1 : 0;
  }
  const inspections = attacks.length + benign.length;
  report.inspectionsPerSecond = elapsed > 0 ? Math.round((inspections * 1000) / elapsed) : 0;
  return { report, byClassAtLevel };
}
