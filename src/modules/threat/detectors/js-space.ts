/**
 * Whether the UTF-16 code unit `code` is what `/\s/` matches (JavaScript's WhiteSpace and LineTerminator), without a
 * regular expression call per character in the rules' scanning loops.
 */
export function isJsSpace(code: number): boolean {
  if (code <= 0x20) {
    return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  }
  if (code < 0xa0) {
    return false;
  }
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}
