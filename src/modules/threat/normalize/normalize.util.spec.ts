import fc from 'fast-check';

import { removeControlChars } from './control-chars.util.js';
import { decodeCssEscapes } from './css-escapes.util.js';
import { decodeHtmlEntities } from './html-entities.util.js';
import { decodeJsEscapes } from './js-escapes.util.js';
import { DEFAULT_NORMALIZE_CAPS, normalize, normalizeFully } from './normalize.util.js';
import { foldUnicode } from './unicode-fold.util.js';
import { urlDecode } from './url-decode.util.js';

/** Strings made of the pieces decoders react to, so the properties exercise the escape paths, not just plain text. */
const escapeHeavy = fc
  .array(fc.constantFrom('%', '%25', '%3c', '%c0', '%u00', '&', '&#', '&#x', 'lt', ';', '\\', 'x', 'u', '{', '}', '3', 'c', 'e', ' ', '+', '＜', '％', 'а', '\u0000', '\u200b', '\ufdfa'), { maxLength: 200 })
  .map((parts) => parts.join(''));
const anyString = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), escapeHeavy);

/** Every decoding run in full, none skipped: what `normalizeFully` must give, in the same order. */
function everyDecoding(raw: string): string[] {
  const clean = (text: string): string => removeControlChars(foldUnicode(text));
  const url1 = urlDecode(raw);
  const url2 = urlDecode(url1);
  const html = decodeHtmlEntities(url2);
  const js = decodeJsEscapes(html);
  const css = decodeCssEscapes(html);
  const limit = DEFAULT_NORMALIZE_CAPS.maxFormLength(raw.length);
  const all = [raw, url1, url2, html, js, clean(js), urlDecode(raw, { plusAsSpace: true }), css, clean(css), decodeHtmlEntities(urlDecode(clean(js)))];
  return [...new Set(all.map((form) => form.slice(0, limit)))].slice(0, DEFAULT_NORMALIZE_CAPS.maxForms);
}

describe('normalize', () => {
  it('skips only decodings whose input was already decoded: the forms are those of every decoding run in full', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        expect(normalizeFully(value).forms).toEqual(everyDecoding(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the raw value as the first form', () => {
    const value = normalize('%3Cb%3E');
    expect(value.raw).toBe('%3Cb%3E');
    expect(value.forms[0]).toBe('%3Cb%3E');
  });

  it('returns only the raw form for plain text', () => {
    expect(normalize('hello world').forms).toEqual(['hello world']);
  });

  it('decodes double URL encoding and entities layered on it', () => {
    const forms = normalize('%2526lt%253Bscript%2526gt%253B').forms;
    expect(forms).toContain('%26lt%3Bscript%26gt%3B');
    expect(forms).toContain('&lt;script&gt;');
    expect(forms).toContain('<script>');
  });

  it('decodes JS escapes after entities and folds the result', () => {
    expect(normalize('&bsol;x3cscript').forms).toContain('<script');
    expect(normalize('ｊａｖａ\u0000ｓｃｒｉｐｔ:').forms).toContain('javascript:');
  });

  it('adds the form-decoded variant where + means a space', () => {
    expect(normalize("1'+or+1=1").forms).toContain("1' or 1=1");
  });

  it('decodes fullwidth percent escapes once NFKC has folded them', () => {
    expect(normalize('％３Ｃsvg').forms).toContain('<svg');
  });

  it('keeps the CSS decoding apart from the JS one', () => {
    const forms = normalize('ex\\pression(\\61)').forms;
    expect(forms).toContain('expression(a)');
  });

  it('caps the number of forms', () => {
    const value = normalize('%253C&lt;\\x3c＜+', { ...DEFAULT_NORMALIZE_CAPS, maxForms: 3 });
    expect(value.forms).toHaveLength(3);
  });

  it('never throws, keeps raw first, and returns distinct forms within the caps', () => {
    fc.assert(
      fc.property(anyString, (raw) => {
        const value = normalize(raw);
        expect(value.forms[0]).toBe(raw);
        expect(new Set(value.forms).size).toBe(value.forms.length);
        expect(value.forms.length).toBeLessThanOrEqual(DEFAULT_NORMALIZE_CAPS.maxForms);
      }),
      { numRuns: 500 },
    );
  });

  it('produces output linear in the input: total form size stays within maxForms × (2n + 16)', () => {
    fc.assert(
      fc.property(anyString, fc.integer({ min: 1, max: 50 }), (unit, repeat) => {
        const raw = unit.repeat(repeat);
        const total = normalize(raw).forms.reduce((sum, form) => sum + form.length, 0);
        expect(total).toBeLessThanOrEqual(DEFAULT_NORMALIZE_CAPS.maxForms * (2 * raw.length + 16));
      }),
      { numRuns: 200 },
    );
  });

  // A quadratic step would need ~10^10 operations here and hit Jest's timeout; a linear one takes milliseconds.
  it.each(['&', '&#', '&#x', '&a', '\\', '\\u{', '\\x', '\\1', '%', '%u', '%c0', '＆', '\u0000'])(
    'finishes on 200,000 characters built from %j',
    (piece) => {
      const raw = piece.repeat(Math.ceil(200_000 / piece.length));
      expect(normalize(raw).forms[0]).toBe(raw);
    },
  );

  it('bounds the expansion of characters NFKC multiplies', () => {
    const raw = '\ufdfa'.repeat(1000);
    for (const form of normalize(raw).forms) {
      expect(form.length).toBeLessThanOrEqual(2 * raw.length + 16);
    }
  });
});
