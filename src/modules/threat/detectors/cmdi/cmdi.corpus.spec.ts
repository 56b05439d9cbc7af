import { devAttacks, devBenign, detects, flaggedByTier } from '../../testing/dev-corpus.js';
import { cmdiDetector } from './cmdi.detector.js';

// Regression gates at the figures reached when this detector was written (paranoia 1).
const MIN_DETECTED = 332;
const MAX_FLAGGED_PER_TIER = 0;

describe('cmdi detector on the development corpus (paranoia 1)', () => {
  it('detects the pl=1 command injection rows', () => {
    const rows = devAttacks().filter((row) => row.cls === 'cmdi' && row.pl === 1);
    const hits = rows.filter((row) => detects(cmdiDetector, row.payload)).length;
    process.stdout.write(`cmdi: detected ${hits}/${rows.length} pl=1 rows (${((100 * hits) / rows.length).toFixed(1)}%)\n`);
    expect(rows.length).toBeGreaterThan(300);
    expect(hits).toBeGreaterThanOrEqual(MIN_DETECTED);
  });

  it('flags no benign row in any tier', () => {
    const byTier = flaggedByTier(cmdiDetector, devBenign());
    for (const [tier, { total, flagged }] of byTier) {
      process.stdout.write(`cmdi: benign ${tier}: ${flagged}/${total} flagged\n`);
      expect(flagged).toBeLessThanOrEqual(MAX_FLAGGED_PER_TIER);
    }
    expect(byTier.size).toBeGreaterThan(1);
  });
});
