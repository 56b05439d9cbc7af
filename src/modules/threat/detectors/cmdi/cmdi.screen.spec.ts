import fc from 'fast-check';

import { corpusForms, ruleScreenMisses, stringsOf } from '../../testing/screen-soundness.js';
import { CMDI_RULES } from './cmdi.detector.js';
import { CMDI_SCREENS } from './cmdi.screen.js';

const UNITS = [
  ';', '|', '&', '\n', '\r', '`', '$', '(', ')', '{', '}', '<', '>', '\\', "'", '"', ' ', '\t', '@', 'cat', 'ls', 'id', 'whoami',
  'time', 'sh', ' -c', '/bin/', '/dev/tcp/', 'alias ', 'x=', 'for ', 'if ', 'IF ', '~', '!', '-1', '*', '?', '[', ']', '/', 'a',
  'IFS', '^', '=', '.exe', '1', ',', 'echo', 'wget', 'ping 5', 'net user',
  "$'", '\\x63', '\\143', '()', 'f', ':', '%', 'COMSPEC', '%PATH:~1,1%', 'FOR', 'If', '7z', '\u212a',
];

describe('cmdi screens', () => {
  it('never turn away a corpus or fixture form that a cmdi rule matches', () => {
    expect(corpusForms().flatMap((form) => ruleScreenMisses(CMDI_RULES, CMDI_SCREENS, form))).toEqual([]);
  });

  it('never turn away a generated shell-like string that a cmdi rule matches', () => {
    fc.assert(
      fc.property(fc.oneof(stringsOf(UNITS), fc.string()), (form) => {
        expect(ruleScreenMisses(CMDI_RULES, CMDI_SCREENS, form)).toEqual([]);
      }),
      { numRuns: 5000 },
    );
  });

  it.each(['2', '-createdAt', 'blue running shoes', "Mary O'Brien", '2026-01-01T00:00:00Z'])('let no screened rule run on %j', (form) => {
    expect(Object.entries(CMDI_SCREENS).filter(([, screen]) => screen(form, 4))).toEqual([]);
  });

  it.each(['Socks (4-pack) - grey/black', 'Where to order: online or in store (drop-in hours 9-5).'])('keep the separator and substitution rules off prose in parentheses: %j', (form) => {
    expect([CMDI_SCREENS['cmdi-001']?.(form, 1), CMDI_SCREENS['cmdi-003']?.(form, 1)]).toEqual([false, false]);
  });

  it.each(['x $(id)', 'diff <(cat a) b', 'tee >(gzip)', 'a`id`'])('still let the substitution rule run on %j', (form) => {
    expect(CMDI_SCREENS['cmdi-003']?.(form, 1)).toBe(true);
  });
});
