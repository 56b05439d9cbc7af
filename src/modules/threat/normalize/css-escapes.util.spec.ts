import { decodeCssEscapes } from './css-escapes.util.js';

describe('decodeCssEscapes', () => {
  it('decodes hex escapes and swallows one following whitespace', () => {
    expect(decodeCssEscapes('\\3c script\\3e')).toBe('<script>');
    expect(decodeCssEscapes('\\000065xpression')).toBe('expression');
    expect(decodeCssEscapes('\\65\r\nx')).toBe('ex');
  });

  it('reads an escaped non-hex character as itself', () => {
    expect(decodeCssEscapes('ex\\pression \\j\\s')).toBe('expression js');
  });

  it('turns NUL and out-of-range escapes into U+FFFD', () => {
    expect(decodeCssEscapes('\\0 \\110000')).toBe('\ufffd\ufffd');
  });

  it('leaves a backslash before a newline or at the end', () => {
    expect(decodeCssEscapes('a\\\nb\\')).toBe('a\\\nb\\');
  });
});
