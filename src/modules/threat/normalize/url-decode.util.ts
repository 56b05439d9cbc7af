import { hexRun } from './hex.util.js';
import { decodeUtf8Lenient } from './utf8-lenient.util.js';

export interface UrlDecodeOptions {
  /** Form decoding (application/x-www-form-urlencoded): `+` is a space. */
  plusAsSpace?: boolean;
}

/**
 * One round of percent-decoding. Never throws: malformed `%` sequences stay as they are, invalid UTF-8 bytes become
 * Latin-1 characters, and overlong encodings (`%c0%ae`) decode to what old servers made of them, because that is
 * exactly how traversal payloads slip past strict decoders. IIS-style `%u` plus four hex digits is decoded as well.
 */
export function urlDecode(input: string, options: UrlDecodeOptions = {}): string {
  const plus = options.plusAsSpace === true;
  if (input.indexOf('%') < 0 && (!plus || input.indexOf('+') < 0)) {
    return input;
  }
  const out: string[] = [];
  const bytes: number[] = [];
  const flush = (): void => {
    if (bytes.length > 0) {
      out.push(decodeUtf8Lenient(bytes));
      bytes.length = 0;
    }
  };
  // Where the next `%` and `+` are, each found again only once passed: the scan stays linear.
  const next = { percent: -1, plus: plus ? -1 : input.length };
  let i = 0;
  while (i < input.length) {
    // Text up to the next `%` (or `+` when it means a space) is copied in one slice.
    const special = nextSpecial(input, i, next);
    if (special > i) {
      flush();
      out.push(input.slice(i, special));
      i = special;
      continue;
    }
    const ch = input[i] as string;
    if (ch === '%') {
      const byte = hexRun(input, i + 1, 2);
      if (byte >= 0) {
        bytes.push(byte);
        i += 3;
        continue;
      }
      const after = input[i + 1];
      const unit = after === 'u' || after === 'U' ? hexRun(input, i + 2, 4) : -1;
      if (unit >= 0) {
        flush();
        out.push(String.fromCharCode(unit));
        i += 6;
        continue;
      }
    }
    flush();
    out.push(plus && ch === '+' ? ' ' : ch);
    i += 1;
  }
  flush();
  return out.join('');
}

/** Index of the next `%` or meaningful `+` at or after `from` (the input's length when none), updating `next`. */
function nextSpecial(input: string, from: number, next: { percent: number; plus: number }): number {
  if (next.percent < from) {
    const at = input.indexOf('%', from);
    next.percent = at < 0 ? input.length : at;
  }
  if (next.plus < from) {
    const at = input.indexOf('+', from);
    next.plus = at < 0 ? input.length : at;
  }
  return Math.min(next.percent, next.plus);
}
