import fc from 'fast-check';

import type { Paranoia } from '../engine/threat.types.js';
import { charSet } from './char-profile.js';
import { runRules, type Rule } from './rule-kit.js';
import { gated, type RuleScreens, screenedRules } from './screen-kit.js';

/** A rule that finds `needle` (SCREENS below gives each a sound screen: its characters, then `includes`). */
function needleRule(id: string, needle: string, paranoia: Paranoia): Rule {
  return { id, kind: 'other', severity: 'warning', paranoia, find: (form) => (form.includes(needle) ? needle : null) };
}

const RULES: Rule[] = [
  needleRule('t-001', '${', 1),
  needleRule('t-002', '<a', 1),
  needleRule('t-003', ';x', 2),
  needleRule('t-004', 'ab', 3),
  needleRule('t-005', '$', 4),
];
const SCREENS: RuleScreens = {
  't-001': gated([charSet('$'), charSet('{')], (form) => form.includes('${')),
  't-002': gated([charSet('<')]),
  't-003': gated([charSet(';')], (form) => form.includes(';x')),
  // t-004 has no screen: it always runs; t-005's screen is a plain function.
  't-005': (form) => form.includes('$'),
};
const FORMS = fc.array(fc.oneof(fc.constantFrom('$', '{', '<', 'a', 'b', ';', 'x', ' ', 'é'), fc.string({ maxLength: 3 })), { maxLength: 8 }).map((parts) => parts.join(''));

describe('screenedRules', () => {
  it('finds what the bare rules find, for values of one form and of several, however often a character set recurs', () => {
    const detector = screenedRules('test', 'other', RULES, SCREENS);
    fc.assert(
      fc.property(fc.array(FORMS, { minLength: 1, maxLength: 3 }), fc.constantFrom<Paranoia>(1, 2, 3, 4), (forms, paranoia) => {
        const value = { raw: forms[0] ?? '', forms };
        const bare = runRules('other', RULES, forms, paranoia);
        expect(detector.detect(value, paranoia)).toEqual(bare);
        expect(detector.detect(value, paranoia)).toEqual(bare);
      }),
      { numRuns: 3000 },
    );
  });
});
