import { replaceEscapes } from './replace-escapes.util.js';
import { hexRun } from './hex.util.js';
import { isHidingSpace } from './hiding-space.util.js';
import { decodeUtf8Lenient } from './utf8-lenient.util.js';

function isOctal(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '7';
}

/** `\u{1F600}`: [code point, characters consumed] or null. At most six hex digits, as in JavaScript. */
function braced(s: string, start: number): [number, number] | null {
  let close = start + 3;
  while (close < s.length && close - (start + 3) <= 6 && s[close] !== '}') {
    close += 1;
  }
  if (s[close] !== '}' || close === start + 3 || close - (start + 3) > 6) {
    return null;
  }
  const value = hexRun(s, start + 3, close - (start + 3));
  return value >= 0 && value <= 0x10ffff ? [value, close + 1 - start] : null;
}

/** How many bytes a UTF-8 sequence opening with `lead` has; 0 when it opens none. */
function utf8Length(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) {
    return 2;
  }
  return lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
}

/**
 * `\xE2\x80\xA8`: byte escapes that spell one UTF-8 space or separator, as C, PHP and Python strings and fuzz lists
 * write it, decoded as that character: three Latin-1 ones hid `\xC2\xA0javascript:`. Any other sequence stays one
 * Latin-1 character per byte, as XSS's 7-bit variant needs (`\xd0\xbcscript` is `<script` with the high bits cut).
 */
function utf8Space(s: string, start: number, lead: number): [string, number] | null {
  const length = utf8Length(lead);
  if (length === 0) {
    return null;
  }
  const bytes = [lead];
  for (let k = 1; k < length; k++) {
    const at = start + 4 * k;
    const byte = s[at] === '\\' && s[at + 1] === 'x' ? hexRun(s, at + 2, 2) : -1;
    if (byte < 0x80 || byte > 0xbf) {
      return null;
    }
    bytes.push(byte);
  }
  // Lenient decoding turns a sequence it rejects into one character per byte: never a single space.
  const decoded = decodeUtf8Lenient(bytes);
  return decoded.length === 1 && isHidingSpace(decoded.charCodeAt(0)) ? [decoded, 4 * length] : null;
}

/** The escape at `start` (a backslash): [text, characters consumed] or null when it is not one we decode. */
function escapeAt(s: string, start: number): [string, number] | null {
  const kind = s[start + 1];
  if (kind === 'x') {
    const value = hexRun(s, start + 2, 2);
    return value >= 0 ? (utf8Space(s, start, value) ?? [String.fromCharCode(value), 4]) : null;
  }
  if (kind === 'u') {
    const wrapped = s[start + 2] === '{' ? braced(s, start) : null;
    if (wrapped) {
      return [String.fromCodePoint(wrapped[0]), wrapped[1]];
    }
    const value = hexRun(s, start + 2, 4);
    return value >= 0 ? [String.fromCharCode(value), 6] : null;
  }
  if (isOctal(kind)) {
    let end = start + 1;
    let value = 0;
    while (end < start + 4 && isOctal(s[end]) && value * 8 + (s.charCodeAt(end) - 0x30) <= 0xff) {
      value = value * 8 + (s.charCodeAt(end) - 0x30);
      end += 1;
    }
    return [String.fromCharCode(value), end - start];
  }
  return null;
}

/** Decodes JavaScript string escapes `\xNN`, `\uNNNN`, `\u{…}` and octal `\NNN`; other backslashes stay. */
export function decodeJsEscapes(input: string): string {
  // A backslash that escapes a backslash: skip both, so `\\x41` stays literal text.
  return replaceEscapes(input, '\\', escapeAt, (s, at) => (s[at + 1] === '\\' ? 2 : 1));
}
