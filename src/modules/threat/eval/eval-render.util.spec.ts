import { renderReport } from './eval-render.util.js';
import type { EvalTally } from './eval-tally.util.js';

const result: EvalTally = {
  report: {
    paranoia: 1,
    attacks: {
      byClass: { other: { total: 2, detected: 1 }, xss: { total: 4, detected: 3 }, sqli: { total: 3, detected: 3 }, zeta: { total: 1, detected: 0 } },
      bySource: { 'b/repo': { total: 6, detected: 5 }, 'a/repo': { total: 4, detected: 2 } },
    },
    benign: { byTier: { hard: { total: 200, flagged: 3 }, empty: { total: 0, flagged: 0 } } },
    inspectionsPerSecond: 12345,
  },
  byClassAtLevel: { sqli: { total: 2, detected: 2 }, xss: { total: 4, detected: 3 } },
};

describe('renderReport', () => {
  const text = renderReport(result, 5);
  const lines = text.split('\n');

  it('states the rule a row is counted by', () => {
    expect(lines[0]).toContain('anomaly score at paranoia 1 reaches 5');
  });

  it('lists classes in the issue order, then others, with rates', () => {
    const start = lines.findIndex((line) => line.startsWith('Attacks by class'));
    expect(lines[start]).toContain('only rows with pl <= 1');
    expect(lines.slice(start + 1, start + 6)).toEqual([
      'class  total  detected    rate  pl-total  pl-detected  pl-rate',
      'sqli       3         3  100.0%         2            2   100.0%',
      'xss        4         3   75.0%         4            3    75.0%',
      'other      2         1   50.0%         0            0        -',
      'zeta       1         0    0.0%         0            0        -',
    ]);
  });

  it('lists sources and benign tiers sorted, with a dash for an empty tier', () => {
    const sources = lines.indexOf('Attacks by source');
    expect(lines[sources + 2]).toMatch(/^a\/repo\s+4\s+2\s+50\.0%$/);
    const tiers = lines.indexOf('Benign by tier (false positives)');
    expect(lines[tiers + 1]).toMatch(/^tier\s+total\s+flagged\s+rate$/);
    expect(lines[tiers + 2]).toMatch(/^empty\s+0\s+0\s+-$/);
    expect(lines[tiers + 3]).toMatch(/^hard\s+200\s+3\s+1\.5%$/);
  });

  it('ends with the throughput and no pooled detection figure', () => {
    expect(text).toContain('Throughput: 12345 inspections/s');
    expect(text).not.toMatch(/\ball\b.*total/i);
  });
});
