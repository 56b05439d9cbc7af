const isHex = (c: string): boolean => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
const MAX_HEX = 6;

/**
 * CSS as the browser's CSS tokenizer sees it, for matching: comments removed, `\` escapes decoded, lower-cased,
 * whitespace and control characters dropped (`exp/**\/ression`, `\65 xpression`, `ja\vascript`). Linear.
 */
export function cssMatchText(css: string): string {
  let out = '';
  let i = 0;
  while (i < css.length) {
    const c = css.charAt(i);
    if (c === '/' && css.charAt(i + 1) === '*') {
      const end = css.indexOf('*/', i + 2);
      i = end < 0 ? css.length : end + 2;
      continue;
    }
    if (c === '\\') {
      let j = i + 1;
      while (j < css.length && j - i <= MAX_HEX && isHex(css.charAt(j))) {
        j++;
      }
      if (j > i + 1) {
        const code = Number.parseInt(css.slice(i + 1, j), 16);
        out += code > 0 && code <= 0x10ffff ? String.fromCodePoint(code).toLowerCase() : '';
        i = css.charAt(j) === ' ' ? j + 1 : j;
      } else {
        out += css.charAt(i + 1).toLowerCase();
        i += 2;
      }
      continue;
    }
    if (c.charCodeAt(0) > 0x20) {
      out += c.toLowerCase();
    }
    i++;
  }
  return out;
}
