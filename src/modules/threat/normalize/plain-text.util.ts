/** À to ÿ but × and ÷: precomposed letters that NFKC, the homoglyph table and control removal all leave as they are. */
export function isLatin1Letter(code: number): boolean {
  return code >= 0xc0 && code <= 0xff && code !== 0xd7 && code !== 0xf7;
}

/**
 * True when no decoding step can change `value`: printable ASCII (tab, LF and CR allowed) without `%` (URL), `+`
 * (form decoding), `&` (HTML entities) or `\` (JS and CSS escapes), and Latin-1 letters (`isLatin1Letter`). NFKC,
 * homoglyph folding and control removal leave such text as it is, so its only form is itself.
 */
export function isPlainText(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const plain = code < 0x20 ? code === 0x09 || code === 0x0a || code === 0x0d : code <= 0x7e && code !== 0x25 && code !== 0x26 && code !== 0x2b && code !== 0x5c;
    if (!plain && !isLatin1Letter(code)) {
      return false;
    }
  }
  return true;
}
