import fc from 'fast-check';
import { normalize, normalizeFully } from './normalize.util.js';
import { isPlainAscii } from './plain-ascii.util.js';

/** Biased toward the characters that start a decoding, so both sides of the shortcut get exercised. */
const mixed = fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', '\t', '\n', '\r', '%', '2', 'e', '&', '#', ';', '+', '\\', 'x', 'u', '\u0000', '\u000b', '\u007f', '\u00e9', '\uff1c', '\u0430', '<', "'") });

describe('isPlainAscii', () => {
  it.each(['', 'jane.doe@example.com', "Mary O'Brien", 'https://example.com/a/b?c=d', 'a\tb\r\nc'])('accepts %j', (value) => {
    expect(isPlainAscii(value)).toBe(true);
  });

  it.each(['50%', 'a+b', 'a&b', 'a\\b', 'caf\u00e9', 'a\u0000b', 'a\u000bb', 'a\u007fb', '\uff1cscript'])('rejects %j', (value) => {
    expect(isPlainAscii(value)).toBe(false);
  });

  it('only accepts values whose every decoding is the value itself', () => {
    fc.assert(
      fc.property(fc.oneof(mixed, fc.string(), fc.string({ unit: 'binary' })), (value) => {
        expect(normalize(value)).toEqual(normalizeFully(value));
        if (isPlainAscii(value)) {
          expect(normalizeFully(value).forms).toEqual([value]);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
