import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { SEVERITY_SCORE } from '../../engine/threat.types.js';
import { normalized } from './testing/xss-test-values.js';
import { xssDetector } from './xss.detector.js';

/** The score at which the lead counts a value as detected (one critical match). */
const BLOCKING_SCORE = 5;
const CORPUS = join(resolve(process.cwd(), '../shared'), 'corpus/threat');

interface Row {
  payload: string;
  cls?: string;
  src: string;
  pl?: number;
  tier?: string;
}

const rows = (file: string): Row[] =>
  readFileSync(join(CORPUS, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Row);

const flagged = (payload: string): boolean =>
  xssDetector.detect(normalized(payload), 1).reduce((sum, m) => sum + SEVERITY_SCORE[m.severity], 0) >= BLOCKING_SCORE;

const repo = (src: string): string => src.split(':')[0] ?? src;

/**
 * Regression gate on the development corpus at paranoia 1: floors are the figures reached when the detector was
 * written (CRS pl=1 rows; libinjection rows carry no level and are all attacks). Raise them as the detector improves.
 */
const DETECTED_FLOOR: Record<string, { total: number; detected: number }> = {
  'coreruleset/coreruleset pl1': { total: 151, detected: 129 },
  'libinjection/libinjection': { total: 748, detected: 729 },
};
/** Most benign rows any tier may flag (all zero when written). */
const FLAGGED_CEILING = 0;

describe('xss detector on the development corpus (paranoia 1)', () => {
  const attacks = rows('attacks.jsonl').filter((r) => r.cls === 'xss' && (r.pl === 1 || r.pl === undefined));
  const benign = rows('benign.jsonl');

  it('keeps detection per source at or above the figures reached', () => {
    const bySource: Record<string, { total: number; detected: number }> = {};
    for (const row of attacks) {
      const key = row.pl === undefined ? repo(row.src) : `${repo(row.src)} pl${row.pl}`;
      const entry = (bySource[key] ??= { total: 0, detected: 0 });
      entry.total++;
      entry.detected += flagged(row.payload) ? 1 : 0;
    }
    process.stdout.write(`xss detection at paranoia 1: ${JSON.stringify(bySource)}\n`);
    for (const [key, floor] of Object.entries(DETECTED_FLOOR)) {
      expect(bySource[key]?.total).toBe(floor.total);
      expect(bySource[key]?.detected).toBeGreaterThanOrEqual(floor.detected);
    }
  });

  it('keeps false positives per benign tier at or below the figures reached', () => {
    const byTier: Record<string, { total: number; flagged: number }> = {};
    for (const row of benign) {
      const entry = (byTier[row.tier ?? 'untiered'] ??= { total: 0, flagged: 0 });
      entry.total++;
      entry.flagged += flagged(row.payload) ? 1 : 0;
    }
    process.stdout.write(`xss false positives at paranoia 1: ${JSON.stringify(byTier)}\n`);
    expect(Object.keys(byTier).length).toBeGreaterThanOrEqual(3);
    for (const entry of Object.values(byTier)) {
      expect(entry.flagged).toBeLessThanOrEqual(FLAGGED_CEILING);
    }
  });
});
