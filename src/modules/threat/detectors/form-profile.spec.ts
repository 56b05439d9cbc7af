import fc from 'fast-check';

import { charSet, NON_ASCII } from './char-profile.js';
import { gateChars, hasAnyOf, hasNonAscii, mayContainAny, needleChars, needleSet } from './form-profile.js';

const NEEDLES = ['java.lang.', 'ro0ab', '${', 'http/', 'unix:', 'k8s', 'if', "$'"];
const SET = needleSet(NEEDLES);
const PIECES = [...NEEDLES, 'JAVA.LANG.', 'rO0AB', 'Http/', 'i', 'f', 'k', 's', '$', '{', "'", ':', ' ', '.', '\u0130', '\u212a', 'é', '\n'];
const FORMS = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })), { maxLength: 10 }).map((pieces) => pieces.join(''));

function meets(chars: Readonly<Int32Array>, set: Readonly<Int32Array>): boolean {
  return [0, 1, 2, 3].some((word) => ((chars[word] ?? 0) & (set[word] ?? 0)) !== 0);
}

describe('form profile', () => {
  it('finds every needle that lower-casing the form finds', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })), { maxLength: 10 }), (pieces) => {
        const form = pieces.join('');
        const lower = form.toLowerCase();
        if (NEEDLES.some((needle) => lower.includes(needle) || form.includes(needle))) {
          expect(mayContainAny(form, SET)).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('rules out forms without a needle', () => {
    expect(['page', '2026-01-01T00:00:00Z', 'blue running shoes', 'java lang', 'unix socket'].filter((form) => mayContainAny(form, SET))).toEqual([]);
  });

  it('lets every needle through when the Kelvin sign or İ could lower-case into one', () => {
    expect(mayContainAny('\u212a8s', SET)).toBe(true);
    expect(mayContainAny('\u0130f', SET)).toBe(true);
  });

  it('keeps the characters of several forms apart', () => {
    const dollar = charSet('$');
    expect([hasAnyOf('a$', dollar), hasAnyOf('b', dollar), hasAnyOf('a$', dollar), hasNonAscii('é'), hasNonAscii('a$')]).toEqual([true, false, true, true, false]);
  });

  it('lets through only forms holding a character of the set\'s needle characters', () => {
    const gate = needleChars(SET);
    fc.assert(
      fc.property(FORMS, (form) => {
        expect(!mayContainAny(form, SET) || meets(gateChars(form), gate)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('marks non-ASCII characters as DEL among a form\'s gate characters', () => {
    expect([meets(gateChars('é'), NON_ASCII), meets(gateChars('\u007f'), NON_ASCII), meets(gateChars('a$'), NON_ASCII)]).toEqual([true, true, false]);
    expect(hasAnyOf('é', NON_ASCII)).toBe(false);
  });

  it('answers alike for sets past the first 31, which go without a key bit', () => {
    const late = [...Array.from({ length: 32 }, (_, i) => needleSet([`n${i}`])), needleSet(NEEDLES)].at(-1) ?? SET;
    expect([SET.bit === 0, late.bit === 0]).toEqual([false, true]);
    fc.assert(
      fc.property(FORMS, (form) => {
        expect(mayContainAny(form, late)).toBe(mayContainAny(form, SET));
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses needles a form could not be checked for', () => {
    expect(() => needleSet(['x'])).toThrow();
    expect(() => needleSet(['é!'])).toThrow();
  });
});
