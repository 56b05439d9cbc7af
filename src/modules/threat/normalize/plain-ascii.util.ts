/**
 * True when no decoding step can change `value`: printable ASCII (tab, LF and CR allowed) without `%` (URL), `+`
 * (form decoding), `&` (HTML entities) or `\` (JS and CSS escapes). NFKC, homoglyph folding and control removal
 * leave such text as it is, so its only form is itself.
 */
export function isPlainAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 ? code !== 0x09 && code !== 0x0a && code !== 0x0d : code > 0x7e || code === 0x25 || code === 0x26 || code === 0x2b || code === 0x5c) {
      return false;
    }
  }
  return true;
}
