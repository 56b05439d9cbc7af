import fc from 'fast-check';
import type { Paranoia } from '../../engine/threat.types.js';
import { cmdiDetector } from './cmdi.detector.js';
import { charReads } from '../../testing/work-counter.js';

const shellish = fc.stringMatching(/^[-;|&`$(){}[\]<>'"\\/%~!#=,.:@ \nA-Za-z0-9]{0,200}$/);

describe('cmdi detector (properties)', () => {
  it('never throws and returns short fragments, one per rule, at or below the paranoia', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), shellish), fc.constantFrom<Paranoia>(1, 2, 3, 4), (input, paranoia) => {
        const matches = cmdiDetector.detect({ raw: input, forms: [input, input.toLowerCase()] }, paranoia);
        expect(new Set(matches.map((m) => m.ruleId)).size).toBe(matches.length);
        for (const m of matches) {
          expect(m.fragment.length).toBeLessThanOrEqual(64);
          expect(m.paranoia).toBeLessThanOrEqual(paranoia);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it.each([';', '$(', '`', '{a,', 'if ', 'for %a in (', '${x', '()', 'alias ', '/[a]', ';x ', '\n', 'time ', 'IF ', '<<<', "$'\\x", '\nid', ';echo a', '& net localgroup a', "w'h'", '^a', 'f(){ f|', '()', 'a=b;', '$a ', '%A:~1%', 'system32\\', 'unix:', '| id ', '| a |\n', 'x|file|', ' // `a` ', '\\n\\033[1Acurl ', 'Set -x ', 'File x, line 1 ', '1for /f %i in (', ';then ', '${X}s', 'echo x > /a', '&copy;', '  `a` b\n'])(
    'reads characters linearly in the input size for repeated %j',
    (unit) => {
      const reads = (n: number) => charReads(() => cmdiDetector.detect({ raw: '', forms: [unit.repeat(n)] }, 4));
      const small = reads(2_000);
      const large = reads(8_000);
      expect(large).toBeLessThanOrEqual(small * 4 * 1.25 + 1_000);
    },
  );
});
