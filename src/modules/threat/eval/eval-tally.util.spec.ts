import type { AttackRow, BenignRow } from './eval-rows.util.js';
import { tally } from './eval-tally.util.js';

function attack(cls: string, payload: string, src = 'repo/a:file', pl?: number): AttackRow {
  return pl === undefined ? { cls, payload, src } : { cls, payload, src, pl };
}

function benign(tier: string, payload: string): BenignRow {
  return { tier, payload, src: 'repo/b:file' };
}

/** A clock that advances 0.5 ms per reading, so each judged row takes 0.5 ms. */
function steppingClock(): () => number {
  let t = 0;
  return () => (t += 0.5);
}

describe('tally', () => {
  const judge = (payload: string): boolean => payload.includes('BAD');

  it('counts detected attacks per class and per source repository', () => {
    const { report } = tally(
      [attack('sqli', 'BAD 1'), attack('sqli', 'fine'), attack('xss', 'BAD', 'other/repo:x'), attack('xss', 'BAD')],
      [],
      1,
      judge,
      steppingClock(),
    );
    expect(report.attacks.byClass).toEqual({ sqli: { total: 2, detected: 1 }, xss: { total: 2, detected: 2 } });
    expect(report.attacks.bySource).toEqual({ 'repo/a': { total: 3, detected: 2 }, 'other/repo': { total: 1, detected: 1 } });
  });

  it('counts flagged benign rows per tier', () => {
    const { report } = tally([], [benign('prose', 'BAD words'), benign('prose', 'ok'), benign('names', 'ok')], 2, judge, steppingClock());
    expect(report.benign.byTier).toEqual({ prose: { total: 2, flagged: 1 }, names: { total: 1, flagged: 0 } });
    expect(report.paranoia).toBe(2);
  });

  it('reports inspections per second from the time spent judging', () => {
    const { report } = tally([attack('sqli', 'a'), attack('sqli', 'b')], [benign('t', 'c'), benign('t', 'd')], 1, judge, steppingClock());
    // Four rows at 0.5 ms each: 2 ms in all.
    expect(report.inspectionsPerSecond).toBe(2000);
  });

  it('has the JSON shape the issue specifies', () => {
    const { report } = tally([attack('cmdi', 'BAD')], [benign('t', 'x')], 1, judge, steppingClock());
    expect(JSON.parse(JSON.stringify(report))).toEqual({
      paranoia: 1,
      attacks: { byClass: { cmdi: { total: 1, detected: 1 } }, bySource: { 'repo/a': { total: 1, detected: 1 } } },
      benign: { byTier: { t: { total: 1, flagged: 0 } } },
      inspectionsPerSecond: 2000,
    });
  });

  it('also counts per class only the rows meant for the paranoia level asked for', () => {
    const rows = [attack('sqli', 'BAD', 'r:x', 1), attack('sqli', 'hex(', 'r:x', 2), attack('sqli', 'BAD'), attack('xss', 'x', 'r:x', 4)];
    const { report, byClassAtLevel } = tally(rows, [], 2, judge, steppingClock());
    expect(report.attacks.byClass.sqli).toEqual({ total: 3, detected: 2 });
    expect(byClassAtLevel).toEqual({ sqli: { total: 3, detected: 2 } });
    expect(tally(rows, [], 1, judge, steppingClock()).byClassAtLevel).toEqual({ sqli: { total: 2, detected: 2 } });
  });

  it('reports zero throughput when no time was measured', () => {
    expect(tally([], [], 1, judge, () => 0).report.inspectionsPerSecond).toBe(0);
  });
});
