import fc from 'fast-check';
import type { Paranoia } from '../../engine/threat.types.js';
import { otherDetector } from './other.detector.js';
import { charReads, decodeURIComponentSafe } from '../../testing/work-counter.js';

const injectionish = fc.stringMatching(/^[-{}%<>=$#*@[\]:/.\r\n "'_a-zA-Z0-9]{0,200}$/);

describe('other detector (properties)', () => {
  it('never throws and returns short fragments, one per rule, at or below the paranoia', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), injectionish), fc.constantFrom<Paranoia>(1, 2, 3, 4), (input, paranoia) => {
        const matches = otherDetector.detect({ raw: input, forms: [input, decodeURIComponentSafe(input)] }, paranoia);
        expect(new Set(matches.map((m) => m.ruleId)).size).toBe(matches.length);
        for (const m of matches) {
          expect(m.fragment.length).toBeLessThanOrEqual(64);
          expect(m.paranoia).toBeLessThanOrEqual(paranoia);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it.each(['{{', '${', '$ne', '\r\n', '\rX:', 'http://', ' HTTP/1', '<%', '[$ne]', '${${::-j}', '{{7*7', '(', ')', 'x)(', ')(uid=', '<?php ', 'system(', '$a[', '${\'', '$ {', '@{[', '<!ENTITY', '<!DOCTYPE [', '__proto__[', 'constructor', 'O:8:"', "';return ", '["a.b.C", {', 'java.lang.Runtime', '/*', '#\n', '=1\n', 'unix:', 'unix:|', 'is_array($x->{a}', 'array_map(null, ', '\rA::'])('reads characters linearly in the input size for repeated %j', (unit) => {
    const reads = (n: number) => charReads(() => otherDetector.detect({ raw: '', forms: [unit.repeat(n)] }, 4));
    const small = reads(2_000);
    const large = reads(8_000);
    expect(large).toBeLessThanOrEqual(small * 4 * 1.25 + 1_000);
  });
});
