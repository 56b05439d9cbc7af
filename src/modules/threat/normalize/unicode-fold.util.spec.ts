import { foldHomoglyphs, foldUnicode } from './unicode-fold.util.js';

describe('foldUnicode', () => {
  it('folds fullwidth forms through NFKC', () => {
    expect(foldUnicode('＜ｓｃｒｉｐｔ＞')).toBe('<script>');
    expect(foldUnicode('ＳＥＬＥＣＴ')).toBe('SELECT');
  });

  it('folds Cyrillic and Greek look-alikes and typographic quotes', () => {
    expect(foldUnicode('ѕеlеct')).toBe('select');
    expect(foldUnicode('\u02bc OR 1=1')).toBe("' OR 1=1");
    expect(foldUnicode('..\u2215..\u2215etc')).toBe('../../etc');
  });

  it('reads the CJK characters whose byte-swapped UTF-16 is an angle bracket as one', () => {
    expect(foldUnicode('\u2200\u3e00\u3c00script\u3e00alert(1)\u3c00/script\u3e00')).toBe('\u2200><script>alert(1)</script>');
  });
});

describe('foldHomoglyphs', () => {
  it('returns ASCII input unchanged', () => {
    const input = 'plain';
    expect(foldHomoglyphs(input)).toBe(input);
  });

  it('keeps characters outside the table', () => {
    expect(foldHomoglyphs('日本 ж')).toBe('日本 ж');
  });
});
