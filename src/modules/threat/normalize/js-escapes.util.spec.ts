import { decodeJsEscapes } from './js-escapes.util.js';

describe('decodeJsEscapes', () => {
  it('decodes \\x, \\u and \\u{} escapes', () => {
    expect(decodeJsEscapes('\\x3cscript\\x3E')).toBe('<script>');
    expect(decodeJsEscapes('\\u0061lert')).toBe('alert');
    expect(decodeJsEscapes('\\u{61}\\u{1F600}')).toBe('a\u{1F600}');
  });

  it('decodes octal escapes up to \\377', () => {
    expect(decodeJsEscapes('\\74svg\\076')).toBe('<svg>');
    expect(decodeJsEscapes('\\400')).toBe(' 0');
  });

  it('decodes \\x escapes that spell one UTF-8 space or separator as that character', () => {
    expect(decodeJsEscapes('\\xC2\\xA0javascript:')).toBe('\u00a0javascript:');
    expect(decodeJsEscapes('\\xE2\\x80\\xA8x')).toBe('\u2028x');
    expect(decodeJsEscapes('\\xE1\\xA0\\x8Ex')).toBe('\u180ex');
  });

  it('keeps every other byte escape one Latin-1 character, for the 7-bit fold', () => {
    expect(decodeJsEscapes('\\xd0\\xbcscript')).toBe('\u00d0\u00bcscript');
    expect(decodeJsEscapes('\\xF0\\x9F\\x98\\x80')).toBe('\u00f0\u009f\u0098\u0080');
    expect(decodeJsEscapes('\\xE2\\x80')).toBe('\u00e2\u0080');
    expect(decodeJsEscapes('\\xA0\\xC2')).toBe('\u00a0\u00c2');
  });

  it('leaves incomplete or unknown escapes as they are', () => {
    expect(decodeJsEscapes('\\x4 \\u12 \\u{110000} \\u{} \\n \\')).toBe('\\x4 \\u12 \\u{110000} \\u{} \\n \\');
  });

  it('keeps an escaped backslash from starting an escape', () => {
    expect(decodeJsEscapes('C:\\\\x41')).toBe('C:\\\\x41');
  });
});
