import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEVERITY_SCORE } from '../../engine/threat.types.js';
import { normalize } from '../../normalize/index.js';
import { otherDetector } from './other.detector.js';

interface Row {
  cls?: string;
  pl?: number;
  payload: string;
  tier?: string;
}

const corpus = join(process.cwd(), '..', 'shared', 'corpus', 'threat');
const read = (file: string): Row[] =>
  readFileSync(join(corpus, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Row);

/** The engine detects at a score of 5: one critical match. */
const detected = (payload: string): boolean =>
  otherDetector.detect(normalize(payload), 1).reduce((sum, m) => sum + SEVERITY_SCORE[m.severity], 0) >= 5;

// Regression gates at the figures reached when this detector was written (paranoia 1).
const MIN_DETECTED = 63;
const MAX_FLAGGED_PER_TIER = 0;

describe('other detector on the development corpus (paranoia 1)', () => {
  it('detects the pl=1 rows it covers (nosqli, ssti, crlf, ssrf are a part of the class)', () => {
    const rows = read('attacks.jsonl').filter((r) => r.cls === 'other' && r.pl === 1);
    const hits = rows.filter((r) => detected(r.payload)).length;
    process.stdout.write(`other: detected ${hits}/${rows.length} pl=1 rows (${((100 * hits) / rows.length).toFixed(1)}%)\n`);
    expect(rows.length).toBeGreaterThan(500);
    expect(hits).toBeGreaterThanOrEqual(MIN_DETECTED);
  });

  it('flags no benign row in any tier', () => {
    const byTier = new Map<string, { total: number; flagged: number }>();
    for (const row of read('benign.jsonl')) {
      const tier = byTier.get(row.tier ?? '?') ?? { total: 0, flagged: 0 };
      tier.total++;
      tier.flagged += detected(row.payload) ? 1 : 0;
      byTier.set(row.tier ?? '?', tier);
    }
    for (const [tier, { total, flagged }] of byTier) {
      process.stdout.write(`other: benign ${tier}: ${flagged}/${total} flagged\n`);
      expect(flagged).toBeLessThanOrEqual(MAX_FLAGGED_PER_TIER);
    }
    expect(byTier.size).toBeGreaterThan(1);
  });
});
