/** Character classes and the sub-scanners the SQL tokenizer reads strings, numbers and operators with. */

/** Multi-character operators; a three-character one wins over the two-character one it starts with. */
const OPERATORS_3: ReadonlySet<string> = new Set(['<=>', '->>', '#>>']);
const OPERATORS_2: ReadonlySet<string> = new Set(['<>', '!=', '<=', '>=', ':=', '::', '<<', '>>', '==', '->', '@>', '<@', '?|', '?&', '#>', '@?', '!<', '!>', '^=', '~*']);
/** The first and second characters of the multi-character operators. */
const OPERATOR_STARTS = '<->#!:=@?^~';
const OPERATOR_SECONDS = '=><:@|&?*';

export function isSpace(code: number): boolean {
  // MySQL also treats \v, \f and NBSP as whitespace between tokens.
  return code <= 0x20 || code === 0xa0 || code === 0x7f;
}

export function isWordChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f ||
    code === 0x24 ||
    code === 0x2e ||
    code > 0x7f && code !== 0xa0
  );
}

export function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Index just after the quote that closes a literal opened before `from`; -1 when it never closes. */
export function scanQuoted(input: string, from: number, quote: string): number {
  const q = quote.charCodeAt(0);
  let i = from;
  while (i < input.length) {
    const code = input.charCodeAt(i);
    if (code === 0x5c) {
      i += 2;
      continue;
    }
    if (code === q) {
      if (input.charCodeAt(i + 1) === q) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return -1;
}

/** The multi-character operator at `i`, or ''. */
export function multiOperatorAt(input: string, i: number): string {
  if (!OPERATOR_STARTS.includes(input.charAt(i)) || !OPERATOR_SECONDS.includes(input.charAt(i + 1))) {
    return '';
  }
  const three = input.slice(i, i + 3);
  if (OPERATORS_3.has(three)) {
    return three;
  }
  const two = input.slice(i, i + 2);
  return OPERATORS_2.has(two) ? two : '';
}

function isHexDigit(code: number): boolean {
  const lower = code | 0x20;
  return isDigit(code) || (lower >= 0x61 && lower <= 0x66);
}

export function scanNumber(input: string, from: number): number {
  let i = from;
  // `0x`, `0X`, `0b`, `0B`: only X and B lower-case to x and b.
  const marker = input.charCodeAt(from + 1) | 0x20;
  if (input.charCodeAt(from) === 0x30 && (marker === 0x78 || marker === 0x62)) {
    i += 2;
    while (i < input.length && isHexDigit(input.charCodeAt(i))) {
      i++;
    }
    return i;
  }
  while (i < input.length && isDigit(input.charCodeAt(i))) {
    i++;
  }
  if (input[i] === '.') {
    i++;
    while (i < input.length && isDigit(input.charCodeAt(i))) {
      i++;
    }
  }
  if ((input[i] === 'e' || input[i] === 'E') && (isDigit(input.charCodeAt(i + 1)) || ((input[i + 1] === '-' || input[i + 1] === '+') && isDigit(input.charCodeAt(i + 2))))) {
    i += 2;
    while (i < input.length && isDigit(input.charCodeAt(i))) {
      i++;
    }
  }
  return i;
}

/** Longest dollar-quote tag read (`$tag$`); PostgreSQL allows any identifier, real ones are short. */
const MAX_DOLLAR_TAG = 32;

/**
 * Length of the PostgreSQL dollar-quote delimiter at `i` (`$$`, `$tag$`; a tag is an identifier that does not start
 * with a digit, so `$1` stays a parameter), or 0.
 */
export function dollarDelimiterAt(input: string, i: number): number {
  if (input.charCodeAt(i) !== 0x24) {
    return 0;
  }
  let j = i + 1;
  const limit = Math.min(input.length, j + MAX_DOLLAR_TAG);
  while (j < limit && input.charCodeAt(j) !== 0x24) {
    const code = input.charCodeAt(j);
    const letter = (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
    if (!letter && (j === i + 1 || !isDigit(code))) {
      return 0;
    }
    j++;
  }
  return input.charCodeAt(j) === 0x24 ? j + 1 - i : 0;
}
