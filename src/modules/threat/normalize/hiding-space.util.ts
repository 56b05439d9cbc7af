/**
 * Non-ASCII spaces, line separators and invisible characters that browsers have skipped inside a URL's scheme
 * (`\u2028javascript:`): JavaScript's Unicode white space and line terminators, U+180E and the zero-width characters.
 */
export function isHidingSpace(code: number): boolean {
  if (code < 0xa0) {
    return false;
  }
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    code === 0x180e ||
    (code >= 0x2000 && code <= 0x200d) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x2060 ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
