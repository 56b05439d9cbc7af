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
  let i = 0;
  while (i < input.length) {
    const ch = input[i] as string;
    if (ch === '%') {
      const byte = hexRun(input, i + 1, 2);
      if (byte >= 0) {
        bytes.push(byte);
        i += 3;
        continue;
      }
      const next = input[i + 1];
      const unit = next === 'u' || next === 'U' ? hexRun(input, i + 2, 4) : -1;
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
