import fc from 'fast-check';
import { normalize, normalizeFully } from './normalize.util.js';
import { isPlainText } from './plain-text.util.js';

/** Biased toward the characters that start a decoding, so both sides of the shortcut get exercised. */
const mixed = fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', '\t', '\n', '\r', '%', '2', 'e', '&', '#', ';', '+', '\\', 'x', 'u', '\u0000', '\u000b', '\u007f', '\u00e9', '\u00df', '\u00ff', '\u00c0', '\u00d7', '\u00f7', '\u00aa', '\u00b5', '\u00a0', '\u00ad', '\u00bc', '\u0130', '\u212a', '\u0301', '\uff1c', '\u0430', '<', "'") });

describe(isPlainText.name, () => {
  it.each(['', 'jane.doe@example.com', "Mary O'Brien", 'https://example.com/a/b?c=d', 'a\tb\r\nc', 'caf\u00e9', 'K\u00f6ln', 'Jos\u00e9 \u00c1lvarez', 'Stra\u00dfe', '\u00ff'])('accepts %j', (value) => {
    expect(isPlainText(value)).toBe(true);
  });

  it.each(['50%', 'a+b', 'a&b', 'a\\b', 'a\u0000b', 'a\u000bb', 'a\u007fb', '\uff1cscript', '2\u00d73', '1\u00f72', '\u00aa', '\u00b5', 'a\u00a0b', 'a\u00adb', '\u00bc', '\u0130d', '\u212a', 'e\u0301', '\u0430'])('rejects %j', (value) => {
    expect(isPlainText(value)).toBe(false);
  });

  it('only accepts values whose every decoding is the value itself', () => {
    fc.assert(
      fc.property(fc.oneof(mixed, fc.string(), fc.string({ unit: 'binary' })), (value) => {
        expect(normalize(value)).toEqual(normalizeFully(value));
        if (isPlainText(value)) {
          expect(normalizeFully(value).forms).toEqual([value]);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
