import fc from 'fast-check';

import { WordMap } from './sqli.word-map.js';

const KEYS = ['select', 'union', 'or', 'a', 'information_schema', 'x'.repeat(40), 'é', 'naïve', '', 'İ'];

describe('WordMap', () => {
  it('finds what the map finds, for keys, near misses and any string', () => {
    const entries = KEYS.map((key, i) => [key, i] as const);
    const words = new WordMap(entries);
    const map = new Map(entries);
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...KEYS, 'selecT', 'unions', 'x'.repeat(41), 'o', 'ar'), fc.string({ maxLength: 45 }), fc.string({ unit: 'binary', maxLength: 4 })), (word) => {
        expect(words.get(word)).toBe(map.get(word));
      }),
      { numRuns: 5000 },
    );
    expect(KEYS.map((key) => words.get(key))).toEqual(KEYS.map((_, i) => i));
  });
});
