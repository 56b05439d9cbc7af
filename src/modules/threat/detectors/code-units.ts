/** A code unit of an identifier in most languages: an ASCII letter, a digit or `_`. */
export function isIdentifierCode(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x5f;
}

/** A code unit of a file, element or header name: an identifier's, or `-`. */
export function isNameCode(code: number): boolean {
  return isIdentifierCode(code) || code === 0x2d;
}
