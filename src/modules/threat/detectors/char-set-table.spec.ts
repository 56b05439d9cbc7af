import fc from 'fast-check';

import { charSet } from './char-profile.js';
import { CharSetTable } from './char-set-table.js';

const MASK = charSet('$;|&(){}<>/.:abcXYZ\u007f');
const cut = (chars: Int32Array): string => [0, 1, 2, 3].map((w) => (chars[w] ?? 0) & (MASK[w] ?? 0)).join(',');

describe('CharSetTable', () => {
  it('gives what compute gives for the set cut down to the mask, however full it gets', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 200 }), (texts) => {
        const table = new CharSetTable<string>(MASK, 8);
        for (const text of texts) {
          const chars = charSet([...text].filter((c) => c.charCodeAt(0) < 0x80).join(''));
          expect(table.get(chars, (cutChars) => cut(cutChars as Int32Array))).toBe(cut(chars));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('computes a set once while it stays in the table, and ignores characters outside the mask', () => {
    const table = new CharSetTable<number>(MASK);
    let computed = 0;
    const compute = (): number => ++computed;
    expect([table.get(charSet('a$'), compute), table.get(charSet('a$q'), compute), table.get(charSet('$a'), compute), table.get(charSet('b'), compute)]).toEqual([1, 1, 1, 2]);
  });

  it('refuses a capacity that is not a power of two', () => {
    expect(() => new CharSetTable<number>(MASK, 12)).toThrow('power of two');
  });
});
