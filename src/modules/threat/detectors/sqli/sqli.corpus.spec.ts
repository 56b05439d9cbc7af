import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEVERITY_SCORE } from '../../engine/threat.types.js';
import { normalize } from '../../normalize/index.js';
import { sqliDetector } from './index.js';

interface Row {
  cls?: string;
  pl?: number;
  src: string;
  tier?: string;
  payload: string;
}

const CORPUS = join(process.cwd(), '../shared/corpus/threat');
const load = (file: string): Row[] =>
  readFileSync(join(CORPUS, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Row);
/** Detected as the engine decides it: a paranoia-1 score of 5 or more from this detector alone. */
const detected = (payload: string): boolean =>
  sqliDetector.detect(normalize(payload), 1).reduce((sum, m) => sum + SEVERITY_SCORE[m.severity], 0) >= 5;
const rate = (rows: Row[]): number => rows.filter((r) => detected(r.payload)).length / rows.length;

/** Regression gate: the figures reached on the development corpus (raise them when the detector improves). */
const MIN_DETECTION = { crsPl1: 0.81, libinjection: 0.976 };
const MAX_FALSE_POSITIVES: Record<string, number> = { 'crs-negative': 0.005, 'crs-known-fp': 0, 'libinjection-fp': 0, 'libinjection-unit-negative': 0 };

describe('SQLi detector on the development corpus (paranoia 1)', () => {
  const attacks = load('attacks.jsonl').filter((r) => r.cls === 'sqli');
  const benign = load('benign.jsonl');

  it('keeps detection of CRS pl=1 and libinjection SQLi rows at or above the gate', () => {
    const crs = rate(attacks.filter((r) => r.src.startsWith('coreruleset/') && r.pl === 1));
    const lib = rate(attacks.filter((r) => r.src.startsWith('libinjection/')));
    process.stdout.write(`sqli detection: CRS pl=1 ${(crs * 100).toFixed(1)}%, libinjection ${(lib * 100).toFixed(1)}%\n`);
    expect(crs).toBeGreaterThanOrEqual(MIN_DETECTION.crsPl1);
    expect(lib).toBeGreaterThanOrEqual(MIN_DETECTION.libinjection);
  });

  it('keeps false positives on every benign tier at or below the gate', () => {
    const tiers = new Map<string, Row[]>();
    for (const row of benign) {
      const tier = (row.tier ?? '').split(' ')[0] ?? '';
      tiers.set(tier, [...(tiers.get(tier) ?? []), row]);
    }
    expect([...tiers.keys()].sort()).toEqual(Object.keys(MAX_FALSE_POSITIVES).sort());
    for (const [tier, rows] of tiers) {
      const fp = rate(rows);
      process.stdout.write(`sqli false positives: ${tier} ${(fp * 100).toFixed(2)}% of ${rows.length}\n`);
      expect(fp).toBeLessThanOrEqual(MAX_FALSE_POSITIVES[tier] ?? 0);
    }
  });
});
