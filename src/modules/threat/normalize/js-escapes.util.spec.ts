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

  it('leaves incomplete or unknown escapes as they are', () => {
    expect(decodeJsEscapes('\\x4 \\u12 \\u{110000} \\u{} \\n \\')).toBe('\\x4 \\u12 \\u{110000} \\u{} \\n \\');
  });

  it('keeps an escaped backslash from starting an escape', () => {
    expect(decodeJsEscapes('C:\\\\x41')).toBe('C:\\\\x41');
  });
});
