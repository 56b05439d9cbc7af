import fc from 'fast-check';

import { charSet } from './char-profile.js';
import { hasAnyOf, hasNonAscii, mayContainAny, needleSet } from './form-profile.js';

const NEEDLES = ['java.lang.', 'ro0ab', '${', 'http/', 'unix:', 'k8s', 'if', "$'"];
const SET = needleSet(NEEDLES);
const PIECES = [...NEEDLES, 'JAVA.LANG.', 'rO0AB', 'Http/', 'i', 'f', 'k', 's', '$', '{', "'", ':', ' ', '.', '\u0130', '\u212a', 'é', '\n'];

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

  it('refuses needles a form could not be checked for', () => {
    expect(() => needleSet(['x'])).toThrow();
    expect(() => needleSet(['é!'])).toThrow();
  });
});
