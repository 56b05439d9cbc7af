import { replaceEscapes } from './replace-escapes.util.js';
import { hexValue } from './hex.util.js';

/** Named references that matter for attacks (and the everyday ones), case-sensitive as in HTML. */
const NAMED: ReadonlyMap<string, string> = new Map([
  ['lt', '<'], ['LT', '<'], ['gt', '>'], ['GT', '>'], ['amp', '&'], ['AMP', '&'], ['quot', '"'], ['QUOT', '"'],
  ['apos', "'"], ['colon', ':'], ['Tab', '\t'], ['NewLine', '\n'], ['lpar', '('], ['rpar', ')'], ['sol', '/'],
  ['bsol', '\\'], ['grave', '`'], ['DiacriticalGrave', '`'], ['semi', ';'], ['comma', ','], ['period', '.'],
  ['excl', '!'], ['quest', '?'], ['equals', '='], ['plus', '+'], ['num', '#'], ['dollar', '$'], ['percnt', '%'],
  ['ast', '*'], ['midast', '*'], ['commat', '@'], ['lowbar', '_'], ['UnderBar', '_'], ['Hat', '^'],
  ['lsqb', '['], ['lbrack', '['], ['rsqb', ']'], ['rbrack', ']'], ['lcub', '{'], ['lbrace', '{'], ['rcub', '}'],
  ['rbrace', '}'], ['verbar', '|'], ['vert', '|'], ['VerticalLine', '|'], ['nbsp', '\u00a0'],
  ['NonBreakingSpace', '\u00a0'], ['copy', '\u00a9'], ['reg', '\u00ae'], ['shy', '\u00ad'], ['hyphen', '\u2010'],
  ['lsquo', '\u2018'], ['rsquo', '\u2019'], ['ldquo', '\u201c'], ['rdquo', '\u201d'], ['nvlt', '<\u20d2'],
  ['nvgt', '>\u20d2'], ['bne', '=\u20e5'], ['fjlig', 'fj'],
]);
const MAX_NAME = 32;
const MAX_DIGITS = 32;

function isAlnum(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
}

function codePointText(value: number): string {
  // As browsers do: NUL, surrogates and values past Unicode become U+FFFD.
  if (value === 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) {
    return '\ufffd';
  }
  return String.fromCodePoint(value);
}

/** `&#NNN` / `&#xHH` at `start` (the `&`): [decoded text, characters consumed], or null. */
function numeric(s: string, start: number): [string, number] | null {
  let i = start + 2;
  const hex = s[i] === 'x' || s[i] === 'X';
  i += hex ? 1 : 0;
  const digitsStart = i;
  let value = 0;
  while (i < s.length && i - digitsStart < MAX_DIGITS) {
    const digit = hex ? hexValue(s.charCodeAt(i)) : s.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > (hex ? 15 : 9)) {
      break;
    }
    value = Math.min(value * (hex ? 16 : 10) + digit, 0x110000);
    i += 1;
  }
  if (i === digitsStart) {
    return null;
  }
  i += s[i] === ';' ? 1 : 0;
  return [codePointText(value), i - start];
}

/** `&name;` or `&name` (longest known prefix, as browsers do for legacy names) at `start`. */
function named(s: string, start: number): [string, number] | null {
  let end = start + 1;
  while (end < s.length && end - start <= MAX_NAME && isAlnum(s.charCodeAt(end))) {
    end += 1;
  }
  for (let stop = end; stop > start + 1; stop--) {
    const text = NAMED.get(s.slice(start + 1, stop));
    if (text !== undefined) {
      const withSemicolon = stop === end && s[stop] === ';';
      return [text, stop - start + (withSemicolon ? 1 : 0)];
    }
  }
  return null;
}

/** Whether `s` spells at `amp` (an `&`) a named reference this decoder knows, closed by `;`: `&copy;`, `&reg;`. */
export function writesNamedReference(s: string, amp: number): boolean {
  let end = amp + 1;
  while (end < s.length && end - amp <= MAX_NAME && isAlnum(s.charCodeAt(end))) {
    end += 1;
  }
  return end > amp + 1 && s[end] === ';' && NAMED.has(s.slice(amp + 1, end));
}

/**
 * Whether the `;` at `semi` closes a character reference this decoder reads: named (`&apos;`), decimal (`&#39;`) or
 * hex (`&#x27;`). Reads back at most a name's or a number's length, so a scan calling it per `;` stays linear.
 */
export function closesReference(s: string, semi: number): boolean {
  let at = semi - 1;
  while (at > 0 && semi - at <= MAX_NAME && isAlnum(s.charCodeAt(at))) {
    at -= 1;
  }
  if (s[at] === '#' && s[at - 1] === '&') {
    const read = numeric(s, at - 1);
    return read !== null && at - 1 + read[1] === semi + 1;
  }
  return s[at] === '&' && writesNamedReference(s, at);
}

/** Decodes named, decimal and hex character references, with or without the trailing `;`. One pass, never throws. */
export function decodeHtmlEntities(input: string): string {
  return replaceEscapes(input, '&', (s, at) => (s[at + 1] === '#' ? numeric(s, at) : named(s, at)));
}
