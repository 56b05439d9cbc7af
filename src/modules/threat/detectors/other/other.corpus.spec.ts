import { devAttacks, devBenign, detects, flaggedByTier } from '../../testing/dev-corpus.js';
import { otherDetector } from './other.detector.js';

// Regression gates at the figures reached when this detector was written (paranoia 1).
const MIN_DETECTED = 353;
const MAX_FLAGGED_PER_TIER = 0;

describe('other detector on the development corpus (paranoia 1)', () => {
  it('detects the pl=1 other injection rows', () => {
    const rows = devAttacks().filter((row) => row.cls === 'other' && row.pl === 1);
    const hits = rows.filter((row) => detects(otherDetector, row.payload)).length;
    process.stdout.write(`other: detected ${hits}/${rows.length} pl=1 rows (${((100 * hits) / rows.length).toFixed(1)}%)\n`);
    expect(rows.length).toBeGreaterThan(500);
    expect(hits).toBeGreaterThanOrEqual(MIN_DETECTED);
  });

  it('flags no benign row in any tier', () => {
    const byTier = flaggedByTier(otherDetector, devBenign());
    for (const [tier, { total, flagged }] of byTier) {
      process.stdout.write(`other: benign ${tier}: ${flagged}/${total} flagged\n`);
      expect(flagged).toBeLessThanOrEqual(MAX_FLAGGED_PER_TIER);
    }
    expect(byTier.size).toBeGreaterThan(1);
  });
});
