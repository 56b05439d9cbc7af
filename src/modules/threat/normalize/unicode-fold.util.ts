/**
 * Look-alikes of ASCII that NFKC leaves alone: Cyrillic and Greek letters, typographic quotes and slashes. Small on
 * purpose: it covers what turns `ѕеlеct`, `ʼ or 1=1`, `..∕..∕` or `㰀script㸀` back into what a backend or browser may
 * later read it as.
 */
const HOMOGLYPHS: ReadonlyMap<string, string> = new Map([
  // Cyrillic
  ['а', 'a'], ['в', 'b'], ['е', 'e'], ['һ', 'h'], ['і', 'i'], ['ј', 'j'], ['к', 'k'], ['м', 'm'], ['н', 'h'],
  ['о', 'o'], ['р', 'p'], ['с', 'c'], ['т', 't'], ['у', 'y'], ['х', 'x'], ['ѕ', 's'], ['ԁ', 'd'], ['ԛ', 'q'],
  ['ԝ', 'w'], ['ӏ', 'l'], ['А', 'A'], ['В', 'B'], ['Е', 'E'], ['К', 'K'], ['М', 'M'], ['Н', 'H'], ['О', 'O'],
  ['Р', 'P'], ['С', 'C'], ['Т', 'T'], ['Х', 'X'], ['І', 'I'], ['Ј', 'J'], ['Ѕ', 'S'],
  // Greek
  ['α', 'a'], ['ο', 'o'], ['ρ', 'p'], ['ν', 'v'], ['ι', 'i'], ['κ', 'k'], ['Α', 'A'], ['Β', 'B'], ['Ε', 'E'],
  ['Ζ', 'Z'], ['Η', 'H'], ['Ι', 'I'], ['Κ', 'K'], ['Μ', 'M'], ['Ν', 'N'], ['Ο', 'O'], ['Ρ', 'P'], ['Τ', 'T'],
  ['Υ', 'Y'], ['Χ', 'X'],
  // Punctuation
  ['\u2018', "'"], ['\u2019', "'"], ['\u201b', "'"], ['\u2032', "'"], ['\u02bc', "'"], ['\u02b9', "'"],
  ['\u201c', '"'], ['\u201d', '"'], ['\u2033', '"'], ['\u02ba', '"'], ['\u2215', '/'], ['\u2044', '/'],
  ['\u29f8', '/'], ['\u2216', '\\'], ['\u29f5', '\\'], ['\u29f9', '\\'], ['\u2039', '<'], ['\u203a', '>'],
  ['\u02c2', '<'], ['\u02c3', '>'], ['\u2010', '-'], ['\u2011', '-'], ['\u2012', '-'], ['\u2013', '-'],
  ['\u2212', '-'], ['\u00a0', ' '],
  // CJK characters whose UTF-16BE bytes, read as UTF-16LE, are `<` and `>` (`㰀script㸀` under a charset=utf-32 or
  // utf-16 trick); rare enough that no text is changed by reading them so.
  ['\u3c00', '<'], ['\u3e00', '>'],
]);

/** Folds the look-alikes above; characters outside the table pass unchanged. */
export function foldHomoglyphs(input: string): string {
  let plainAscii = true;
  for (let i = 0; i < input.length && plainAscii; i++) {
    plainAscii = input.charCodeAt(i) < 0x80;
  }
  if (plainAscii) {
    return input;
  }
  let out = '';
  for (const ch of input) {
    out += HOMOGLYPHS.get(ch) ?? ch;
  }
  return out;
}

/** NFKC (which also folds fullwidth forms such as `＜ｓｃｒｉｐｔ＞`), then the homoglyph table. */
export function foldUnicode(input: string): string {
  return foldHomoglyphs(input.normalize('NFKC'));
}
