import { removeControlChars } from './control-chars.util.js';

describe('removeControlChars', () => {
  it('removes NUL and other C0/C1 controls', () => {
    expect(removeControlChars('java\u0000scr\u0001ipt\u007f\u0085')).toBe('javascript');
  });

  it('removes invisible format characters', () => {
    expect(removeControlChars('se\u200ble\u00adct\ufeff')).toBe('select');
    expect(removeControlChars('<\u202escript\u202e>al\u2066ert\u061c(1)')).toBe('<script>alert(1)');
  });

  it('keeps tab, LF and CR, and turns vertical tab and form feed into spaces', () => {
    expect(removeControlChars('a\tb\r\nc\u000bd\u000ce')).toBe('a\tb\r\nc d e');
  });
});
