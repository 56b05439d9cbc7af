import { closesReference, decodeHtmlEntities } from './html-entities.util.js';

describe('decodeHtmlEntities', () => {
  it('decodes the named references attacks use', () => {
    expect(decodeHtmlEntities('&lt;script&gt;')).toBe('<script>');
    expect(decodeHtmlEntities('javascript&colon;alert&lpar;1&rpar;')).toBe('javascript:alert(1)');
    expect(decodeHtmlEntities('&quot;&apos;&grave;&sol;&bsol;&amp;')).toBe('"\'`/\\&');
    expect(decodeHtmlEntities('java&Tab;script&NewLine;')).toBe('java\tscript\n');
  });

  it('decodes decimal and hex references, with or without the semicolon and with leading zeros', () => {
    expect(decodeHtmlEntities('&#60;&#x3C;&#X3c')).toBe('<<<');
    expect(decodeHtmlEntities('&#0000060script')).toBe('<script');
  });

  it('decodes named references without a semicolon by their longest known prefix', () => {
    expect(decodeHtmlEntities('&ltimg')).toBe('<img');
    expect(decodeHtmlEntities('&colonx')).toBe(':x');
  });

  it('turns NUL, surrogates and out-of-range numbers into U+FFFD', () => {
    expect(decodeHtmlEntities('&#0;&#xD800;&#99999999999;')).toBe('\ufffd\ufffd\ufffd');
  });

  it('leaves unknown names and bare ampersands alone', () => {
    expect(decodeHtmlEntities('AT&T &unknown; & &#;')).toBe('AT&T &unknown; & &#;');
  });

  it('decodes one layer only', () => {
    expect(decodeHtmlEntities('&amp;lt;')).toBe('&lt;');
  });
});

describe('closesReference', () => {
  it.each([
    ['dog &apos; tail', 8, true],
    ['a &#39; b', 6, true],
    ['a &#x27; b', 7, true],
    ['&copy;', 5, true],
    ['a;b', 1, false],
    ['&zzz; b', 4, false],
    ['&#; b', 2, false],
    ['&#xZZ; b', 5, false],
    ['x &b; id', 4, false],
  ])('reads the ; in %j at %i as closing a reference: %s', (text, semi, closes) => {
    expect(closesReference(text, semi)).toBe(closes);
  });
});
