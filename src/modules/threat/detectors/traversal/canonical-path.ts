/**
 * Decodes what path traversal hides behind, whatever the normaliser already did: percent-encoding applied up to
 * three times (`%252e`), overlong UTF-8 (`%c0%ae`, `%e0%80%ae`, `%c0%af`) and what decoding left of it (U+FFFD),
 * 16-bit `%u002e`, fullwidth dots, `0x2e` spellings, and NUL bytes. Slashes are unified to `/`. Linear: each pass is
 * one scan.
 */
export function canonicalPath(form: string): string {
  // Every traversal rule canonicalises the same form in turn: decode it once.
  if (form !== lastForm) {
    lastPath = decodePath(form);
    lastForm = form;
  }
  return lastPath;
}

let lastForm = '';
let lastPath = '';

function decodePath(form: string): string {
  let text = form;
  for (let round = 0; round < 3 && text.includes('%25'); round++) {
    text = replaceAllInsensitive(text, '%25', '%');
  }
  text = withStrippedEscapedSlashes(text);
  // Plain runs are copied in one slice; only the characters that can start a rewrite are looked at closely.
  let out = '';
  let last = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    const hit = decodeAt(text, i);
    if (hit === null && c !== '\\' && c !== '\u0000') {
      i++;
      continue;
    }
    out += text.slice(last, i) + (hit?.char ?? (c === '\\' ? '/' : ''));
    i += hit?.length ?? 1;
    last = i;
  }
  return last === 0 ? text : out + text.slice(last);
}

const SEQUENCES: readonly [string, string][] = [
  // Overlong forms are overlongAt's, but for this one, which reads as `\` only in lists, not by its bits.
  ['%c0%5c', '/'],
  // dotdotpwn's double-percent spellings, which CRS (930100) reads as these characters too.
  ['%%32%%65', '.'],
  ['%%32%%66', '/'],
  ['%%35%%63', '/'],
  ['%u002e', '.'],
  ['%u002f', '/'],
  ['%u005c', '/'],
  ['%u2215', '/'],
  ['%u2216', '/'],
  // Private-use code points IIS's best-fit mapping turned into `/` and `\` (dotdotpwn's `..%uEFC8`).
  ['%uefc8', '/'],
  ['%uf025', '/'],
  ['%uff0e', '.'],
  ['%2e', '.'],
  ['%2f', '/'],
  ['%5c', '/'],
  ['%00', ''],
  ['0x2e', '.'],
  ['0x2f', '/'],
  ['0x5c', '/'],
  ['\uff0e', '.'],
  ['\uff0f', '/'],
  ['\uff3c', '/'],
  ['\uefc8', '/'],
  ['\uf025', '/'],
];

/** The characters SEQUENCES rewrites on their own (fullwidth and private-use dots and slashes). */
const RAW_CHARACTERS: ReadonlySet<string> = new Set(SEQUENCES.filter(([sequence]) => sequence.length === 1).map(([sequence]) => sequence));

/**
 * A run of U+FFFD: what `querystring` and `TextDecoder` leave of bytes that were no UTF-8, such as an overlong slash
 * sent once encoded (`..%c0%af..` arrives as `..\ufffd\ufffd..`). Read as the separator it stood for.
 */
function replacementRun(text: string, at: number): { char: string; length: number } {
  let end = at;
  while (text.charCodeAt(end) === 0xfffd) {
    end++;
  }
  return { char: '/', length: end - at };
}

function decodeAt(text: string, at: number): { char: string; length: number } | null {
  const c = text.charAt(at);
  if (c === '\ufffd') {
    return replacementRun(text, at);
  }
  const hexPrefix = c === '0' && (text.charAt(at + 1) === 'x' || text.charAt(at + 1) === 'X');
  if (c !== '%' && !hexPrefix && !RAW_CHARACTERS.has(c)) {
    return null;
  }
  const overlong = c === '%' ? overlongAt(text, at) : null;
  if (overlong !== null) {
    return overlong;
  }
  const window = text.slice(at, at + 9).toLowerCase();
  for (const [sequence, char] of SEQUENCES) {
    if (window.startsWith(sequence)) {
      return { char, length: sequence.length };
    }
  }
  return null;
}

/**
 * `..2f..2fetc2fpasswd`: an encoded slash whose `%` a filter or a lax decoder removed (LFI lists carry these). Read as a
 * slash only right after two dots, where no other spelling of a name or number puts `2f` or `5c`.
 */
function withStrippedEscapedSlashes(text: string): string {
  return hasStrippedEscapedSlash(text) ? text.replace(STRIPPED_ESCAPED_SLASHES, '../') : text;
}

/** Whether `withStrippedEscapedSlashes` rewrites `text`. */
export function hasStrippedEscapedSlash(text: string): boolean {
  return text.includes('..') && STRIPPED_ESCAPED_SLASH.test(text);
}

const STRIPPED_ESCAPED_SLASH = /\.\.(?:2f|5c)/i;
const STRIPPED_ESCAPED_SLASHES = new RegExp(STRIPPED_ESCAPED_SLASH.source, 'gi');

function replaceAllInsensitive(text: string, needle: string, replacement: string): string {
  return text.split(needle).join(replacement).split(needle.toLowerCase()).join(replacement);
}

/** Leading bytes of overlong UTF-8 forms of ASCII, 2 to 6 bytes long (`%c0%ae` … `%fc%80%80%80%80%ae`), by length. */
const OVERLONG_LEADS: ReadonlyMap<number, number> = new Map([
  [0xc0, 2],
  [0xc1, 2],
  [0xe0, 3],
  [0xf0, 4],
  [0xf8, 5],
  [0xfc, 6],
]);

/** `.`, `/` and `\` (as `/`): what an overlong form may spell for traversal. */
const PATH_CHARACTERS: ReadonlyMap<number, string> = new Map([
  [0x2e, '.'],
  [0x2f, '/'],
  [0x5c, '/'],
]);

/**
 * A hex digit as old IIS read one, without a range check: `g` is 16, `q` 26 (`%c0%qf` is `%c0%af`, a slash; `%bg`
 * is `%c0`). -1 for anything but a digit or an ASCII letter.
 */
function laxHexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) {
    return code - 0x30;
  }
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x7a ? lower - 0x61 + 10 : -1;
}

function laxByteAt(text: string, at: number): number {
  if (text.charAt(at) !== '%') {
    return -1;
  }
  const high = laxHexDigit(text.charCodeAt(at + 1));
  const low = laxHexDigit(text.charCodeAt(at + 2));
  return high < 0 || low < 0 ? -1 : (high * 16 + low) & 0xff;
}

/**
 * An overlong UTF-8 form of `.`, `/` or `\` of any length, its bytes percent-encoded with lax hex digits; each
 * continuation byte counts by its low six bits, as the decoders these forms were written against read them.
 */
function overlongAt(text: string, at: number): { char: string; length: number } | null {
  const lead = laxByteAt(text, at);
  const length = OVERLONG_LEADS.get(lead);
  if (length === undefined) {
    return null;
  }
  let codePoint = 0;
  for (let k = 1; k < length; k++) {
    const byte = laxByteAt(text, at + 3 * k);
    if (byte < 0) {
      return null;
    }
    codePoint = (codePoint << 6) | (byte & 0x3f);
  }
  // Only 0xc1 carries a payload bit (`%c1%9c` is `\`); lists also write it as if it carried none (`%c1%af` for `/`).
  const char = PATH_CHARACTERS.get(codePoint) ?? (lead === 0xc1 ? PATH_CHARACTERS.get(0x40 | codePoint) : undefined);
  return char === undefined ? null : { char, length: 3 * length };
}
