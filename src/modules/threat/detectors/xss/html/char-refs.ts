/** Named references that matter for hiding a URL scheme or markup; browsers decode these inside attribute values. */
const NAMED: Readonly<Record<string, string>> = {
  tab: '\t',
  newline: '\n',
  colon: ':',
  lpar: '(',
  rpar: ')',
  sol: '/',
  bsol: '\\',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  amp: '&',
  nbsp: '\u00a0',
  period: '.',
  comma: ',',
  semi: ';',
  excl: '!',
  num: '#',
  equals: '=',
  grave: '`',
  lsqb: '[',
  rsqb: ']',
  lcub: '{',
  rcub: '}',
  lbrack: '[',
  rbrack: ']',
  plus: '+',
  ast: '*',
  quest: '?',
  commat: '@',
  dollar: '$',
  percnt: '%',
  lowbar: '_',
  vert: '|',
  hyphen: '-',
  dash: '-',
};

const MAX_NAME = 10;
const MAX_DIGITS = 10;

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isHex = (c: string): boolean => isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
const isAlnum = (c: string): boolean => isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

/**
 * Decodes character references as the browser does inside an attribute value: numeric ones with or without `;`
 * (any number of leading zeros), named ones from a short list, case-insensitively. One pass, linear.
 */
export function decodeCharRefs(value: string): string {
  if (!value.includes('&')) {
    return value;
  }
  let out = '';
  let i = 0;
  while (i < value.length) {
    const c = value.charAt(i);
    if (c !== '&') {
      out += c;
      i++;
      continue;
    }
    const decoded = value.charAt(i + 1) === '#' ? numeric(value, i + 2) : named(value, i + 1);
    if (decoded) {
      out += decoded.text;
      i = decoded.end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Whether a character reference that `decodeCharRefs` decodes starts at `at` (an `&`). */
export function startsCharRef(value: string, at: number): boolean {
  return (value.charAt(at + 1) === '#' ? numeric(value, at + 2) : named(value, at + 1)) !== null;
}

interface Decoded {
  text: string;
  end: number;
}

function numeric(value: string, start: number): Decoded | null {
  const hex = value.charAt(start) === 'x' || value.charAt(start) === 'X';
  let j = hex ? start + 1 : start;
  while (value.charAt(j) === '0') {
    j++;
  }
  const digitsStart = j;
  while (j < value.length && j - digitsStart <= MAX_DIGITS && (hex ? isHex(value.charAt(j)) : isDigit(value.charAt(j)))) {
    j++;
  }
  if (j === (hex ? start + 1 : start)) {
    return null;
  }
  const code = j === digitsStart ? 0 : Number.parseInt(value.slice(digitsStart, j), hex ? 16 : 10);
  const end = value.charAt(j) === ';' ? j + 1 : j;
  const text = code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
  return { text, end };
}

function named(value: string, start: number): Decoded | null {
  let j = start;
  while (j < value.length && j - start < MAX_NAME && isAlnum(value.charAt(j))) {
    j++;
  }
  const text = NAMED[value.slice(start, j).toLowerCase()];
  if (text === undefined) {
    return null;
  }
  return { text, end: value.charAt(j) === ';' ? j + 1 : j };
}
