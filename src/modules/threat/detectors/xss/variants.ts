import { isAsciiLetter } from '../letter-runs.js';

/**
 * Decodings only the XSS detector needs: UTF-7 (`+ADw-script+AD4-`, read by old browsers when a page declares it),
 * 7-bit stripping (`¼script¾` becomes `<script>` where a server drops the high bit of US-ASCII bytes), and a
 * tag-stripping sanitiser's output (`"o<x>nmouseover=` becomes `"onmouseover=` where a filter deletes tags once),
 * JavaScript strings joined where they are concatenated (`'java'+'script:'` is `'javascript:'`), and a script element
 * written without its `<` for a page that adds it (see opensScriptElementByName).
 */
export function xssVariants(form: string): string[] {
  const variants: string[] = [];
  const stripped = form.includes('<') ? withoutTagsInsideWords(form) : null;
  if (stripped !== null) {
    variants.push(stripped);
  }
  const joined = form.includes('+') ? joinConcatenatedStrings(form) : null;
  if (joined !== null) {
    variants.push(joined);
  }
  if (form.includes('+AD') || form.includes('+ACI') || form.includes('+ACc')) {
    variants.push(decodeUtf7(form));
  }
  if (hasLatin1High(form)) {
    variants.push(stripHighBit(form));
  }
  if (opensScriptElementByName(form)) {
    variants.push(`<${form}`);
  }
  return variants;
}

/**
 * `ScRiPt>alert(1)</sCrIpT>`, `Script src=//x.test/a.js></Script>`: a value written for a page that reflects it as a
 * tag name (`<[value]`), as Wapiti probes; it opens with the element's name, then `>`, `/` or an attribute (`src=`,
 * not the next word of a sentence about script tags), and closes the element itself.
 */
function opensScriptElementByName(form: string): boolean {
  // The first letter before any copy: every form of every value passes through here.
  if (form.length <= 7 || (form.charCodeAt(0) | 0x20) !== 0x73 || form.slice(0, 6).toLowerCase() !== 'script' || !form.toLowerCase().includes('</script')) {
    return false;
  }
  const after = form.charAt(6);
  if (after === '>' || after === '/') {
    return true;
  }
  let i = 6;
  while (form.charAt(i) === ' ' || form.charAt(i) === '\t' || form.charAt(i) === '\n') {
    i++;
  }
  const name = i;
  while (isAsciiLetter(form.charCodeAt(i)) || form.charAt(i) === '-') {
    i++;
  }
  return i > name && name > 6 && form.charAt(i) === '=';
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BITS_PER_CHAR = 6;
const UNIT_BITS = 16;
const UNIT_MASK = 0xffff;

function decodeUtf7(input: string): string {
  let out = '';
  let i = 0;
  while (i < input.length) {
    const c = input.charAt(i);
    if (c !== '+') {
      out += c;
      i++;
      continue;
    }
    let j = i + 1;
    let bits = 0;
    let buffer = 0;
    while (j < input.length && BASE64.includes(input.charAt(j))) {
      buffer = ((buffer << BITS_PER_CHAR) | BASE64.indexOf(input.charAt(j))) & 0xffffff;
      bits += BITS_PER_CHAR;
      if (bits >= UNIT_BITS) {
        bits -= UNIT_BITS;
        out += String.fromCharCode((buffer >> bits) & UNIT_MASK);
      }
      j++;
    }
    if (j === i + 1) {
      out += '+';
    }
    i = input.charAt(j) === '-' ? j + 1 : j;
  }
  return out;
}

const hasLatin1High = (input: string): boolean => {
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code === 0xbc || code === 0xbe) {
      return true;
    }
  }
  return false;
};

const isUtf8Lead = (code: number): boolean => code >= 0xc2 && code <= 0xdf;
const isUtf8Continuation = (code: number): boolean => code >= 0x80 && code <= 0xbf;

/** Drops the top bit of Latin-1 characters; a UTF-8 lead byte read as Latin-1 (`Â¼`) is dropped with it. */
function stripHighBit(input: string): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (isUtf8Lead(code) && isUtf8Continuation(input.charCodeAt(i + 1))) {
      continue;
    }
    out += code >= 0x80 && code <= 0xff ? String.fromCharCode(code & 0x7f) : input.charAt(i);
  }
  return out;
}

/** A tag a sanitiser deletes is at most this long (`<x>`, `</b>`, `<script>`): keeps the scan linear. */
const MAX_STRIPPED_TAG = 12;

const CDATA_OPEN = '<![CDATA[';
/** An empty Edge Side Includes comment: an ESI processor (Varnish, Akamai) deletes it before the browser reads the page. */
const EMPTY_ESI = '<!--esi-->';

/**
 * The input with the spans `spanEnd` finds deleted, or null when it finds none. `spanEnd(at)` is the index after a
 * span starting at `at`, or -1; scanning resumes after each deleted span, so the whole pass stays linear.
 */
function withoutSpans(input: string, spanEnd: (at: number) => number): string | null {
  let out = '';
  let copied = 0;
  for (let i = 0; i < input.length; i++) {
    const end = spanEnd(i);
    if (end > 0) {
      out += input.slice(copied, i);
      copied = end;
      i = end - 1;
    }
  }
  return copied === 0 ? null : out + input.slice(copied);
}

/**
 * End (index after `>`) of a bare tag `<name>` or `</name>` at `at`, or after a CDATA opener or an empty ESI comment
 * there, or -1.
 */
function bareTagEnd(input: string, at: number): number {
  if (input.startsWith(CDATA_OPEN, at)) {
    return at + CDATA_OPEN.length;
  }
  if (input.startsWith(EMPTY_ESI, at)) {
    return at + EMPTY_ESI.length;
  }
  let i = input.charCodeAt(at + 1) === 0x2f ? at + 2 : at + 1;
  const nameStart = i;
  while (i < input.length && i - at <= MAX_STRIPPED_TAG && isAsciiLetter(input.charCodeAt(i))) {
    i++;
  }
  return i > nameStart && input.charCodeAt(i) === 0x3e ? i + 1 : -1;
}

/**
 * End of a run of bare tags at `at` that sits between two letters (`scr<x>ipt`, `o<b></b>nerror`) or between a name
 * and the parenthesis or backtick that calls it (`alert<x>(1)`), or -1.
 */
function tagsInsideWordEnd(input: string, at: number): number {
  if (at === 0 || input.charCodeAt(at) !== 0x3c || !isAsciiLetter(input.charCodeAt(at - 1))) {
    return -1;
  }
  let end = bareTagEnd(input, at);
  while (end > 0 && input.charCodeAt(end) === 0x3c && bareTagEnd(input, end) > 0) {
    end = bareTagEnd(input, end);
  }
  const next = input.charCodeAt(end);
  return end > 0 && (isAsciiLetter(next) || next === 0x28 || next === 0x60) ? end : -1;
}

/**
 * The value with every bare tag, CDATA opener or empty ESI comment that sits between two letters deleted
 * (`scr<x>ipt`; `javas<![CDATA[cript:`, which XML parsers join; `scr<!--esi-->ipt`, which ESI processors join), or
 * null when it holds none. Only such tags: deleting tags between words (`a <b>bold</b> word`) is how text is shown,
 * not how a filter is bypassed.
 */
const withoutTagsInsideWords = (input: string): string | null => withoutSpans(input, (at) => tagsInsideWordEnd(input, at));

const isQuote = (code: number): boolean => code === 0x27 || code === 0x22 || code === 0x60;
const isBlank = (code: number): boolean => code === 0x20 || code === 0x09;

/** End (index after the quote) of `+` between two like quotes at `at` (`'+'`, `" + "`), or -1. */
function concatenationEnd(input: string, at: number): number {
  const quote = input.charCodeAt(at);
  if (!isQuote(quote)) {
    return -1;
  }
  let i = at + 1;
  while (isBlank(input.charCodeAt(i))) {
    i++;
  }
  if (input.charCodeAt(i) !== 0x2b) {
    return -1;
  }
  i++;
  while (isBlank(input.charCodeAt(i))) {
    i++;
  }
  return input.charCodeAt(i) === quote ? i + 1 : -1;
}

/** The value with every `'+'` between two string literals deleted, or null when it holds none. */
const joinConcatenatedStrings = (input: string): string | null => withoutSpans(input, (at) => concatenationEnd(input, at));
