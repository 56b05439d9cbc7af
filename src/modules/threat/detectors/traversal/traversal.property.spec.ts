import fc from 'fast-check';
import type { Paranoia } from '../../engine/threat.types.js';
import { traversalDetector } from './traversal.detector.js';
import { charReads, decodeURIComponentSafe } from '../../testing/work-counter.js';

const pathish = fc.stringMatching(/^[-./\\%0-9a-fA-FxuU;:~= A-Za-z_]{0,200}$/).map((s) => s.replace(/~/g, '\u0000'));

describe('traversal detector (properties)', () => {
  it('never throws and returns short fragments, one per rule, at or below the paranoia', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), pathish), fc.constantFrom<Paranoia>(1, 2, 3, 4), (input, paranoia) => {
        const matches = traversalDetector.detect({ raw: input, forms: [input, decodeURIComponentSafe(input)] }, paranoia);
        expect(new Set(matches.map((m) => m.ruleId)).size).toBe(matches.length);
        for (const m of matches) {
          expect(m.fragment.length).toBeLessThanOrEqual(64);
          expect(m.paranoia).toBeLessThanOrEqual(paranoia);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it.each(['../', '..', '%2e', '%25', '/etc/', 'x\u0000', '.', 'a/', ' ../a:1:', " from '../a'", '.../', '[a](../b'])('reads characters linearly in the input size for repeated %j', (unit) => {
    const reads = (n: number) => charReads(() => traversalDetector.detect({ raw: '', forms: [unit.repeat(n)] }, 4));
    const small = reads(2_000);
    const large = reads(8_000);
    expect(large).toBeLessThanOrEqual(small * 4 * 1.25 + 1_000);
  });

  it('reads characters linearly when one long token holds many sensitive paths it does not open', () => {
    // Every `/etc/passwd` asks where its token starts; past 256 characters back that comes from one table per value.
    const reads = (n: number) => charReads(() => traversalDetector.detect({ raw: '', forms: [`word ${'a./etc/passwd'.repeat(n)}`] }, 1));
    const small = reads(2_000);
    const large = reads(8_000);
    expect(large).toBeLessThanOrEqual(small * 4 * 1.25 + 1_000);
  });
});
