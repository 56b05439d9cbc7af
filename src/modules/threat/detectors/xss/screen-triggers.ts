import { SCRIPT_SCHEMES } from './html/url-scheme.js';
import { BREAK_SINKS, CODE_SINKS, GLOBAL_OBJECTS, PROBE_SINKS, STORAGE_OBJECTS } from './js/js-names.js';

/**
 * Flags a whole ASCII letter run can raise: the screen's words, looked up by a hash of the run in the screen's one
 * pass. The table is indexed by the hash's low bits; a collision only makes the screen say "maybe".
 */
export const SCRIPT_NAME = 1;
export const SRCDOC = 2;
export const SCHEMA_LOCATION = 4;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export const RUN_HASH_START = FNV_OFFSET;

const TABLE_BITS = 16;
const TABLE_MASK = (1 << TABLE_BITS) - 1;

/** One step of the case-folded run hash; `code` is an ASCII letter. */
export function runHashStep(hash: number, code: number): number {
  return Math.imul(hash ^ (code | 0x20), FNV_PRIME);
}

/** The flags of the run whose hash is `hash` (or of a word sharing its low bits). */
export function runFlags(hash: number): number {
  return RUN_WORDS[hash & TABLE_MASK] ?? 0;
}

function hashWord(word: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) {
    hash = runHashStep(hash, word.charCodeAt(i));
  }
  return hash;
}

/**
 * Every script rule starts at an identifier naming a sink or a page object; `srcdoc` and `…:schemaLocation` are whole
 * attribute names.
 */
const RUN_WORDS: Uint8Array = (() => {
  const names = [...PROBE_SINKS, ...CODE_SINKS, ...BREAK_SINKS, ...GLOBAL_OBJECTS, ...STORAGE_OBJECTS, 'location', 'Function', 'constructor', 'eval'];
  const entries: [string, number][] = [...names.map((name): [string, number] => [name, SCRIPT_NAME]), ['srcdoc', SRCDOC], ['schemalocation', SCHEMA_LOCATION]];
  const table = new Uint8Array(TABLE_MASK + 1);
  for (const [word, flag] of entries) {
    const slot = hashWord(word) & TABLE_MASK;
    table[slot] = (table[slot] ?? 0) | flag;
  }
  return table;
})();

const KELVIN = 0x212a;
const MIN_EVENT_LETTERS = 3;
const MAX_EVENT_LETTERS = 45;

function isLetterOnceLowered(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || code === KELVIN;
}

function isTagSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0c;
}

/**
 * Whether the `on` at `at` can start an attribute name the tokenizer lower-cases into a handler (`on` and 3 to 45
 * letters; `K`, the Kelvin sign, lower-cases to `k`) that is given a value (spaces or `/` may stand before the `=`).
 */
export function handlerNameAt(form: string, at: number): boolean {
  let end = at + 2;
  while (end < form.length && isLetterOnceLowered(form.charCodeAt(end))) {
    end++;
  }
  const letters = end - at - 2;
  if (letters < MIN_EVENT_LETTERS || letters > MAX_EVENT_LETTERS) {
    return false;
  }
  while (end < form.length && (isTagSpace(form.charCodeAt(end)) || form.charCodeAt(end) === 0x2f)) {
    end++;
  }
  return form.charCodeAt(end) === 0x3d;
}

/**
 * `mayHoldCssScript`'s words, ignoring ASCII case as it does (non-Unicode `i` folds no other letter into ASCII).
 * Linear: alternatives are fixed words, so each position costs at most their total length.
 */
const CSS_WORDS = /ssion|script|binding|behavio/i;

/** CSS rules need one of `mayHoldCssScript`'s words (and their needles a `:` or `(`). */
export function holdsCssWord(form: string): boolean {
  return CSS_WORDS.test(form);
}

const URL_SCHEMES = [...SCRIPT_SCHEMES, 'data'];

/** Characters `urlScheme` skips inside a scheme (`java\tscript:`). */
function isIgnoredInScheme(code: number): boolean {
  return code <= 0x20 || code === 0xad || code === 0x200b || code === 0xfeff || code === 0xfffd;
}

/**
 * Whether a script or `data:` scheme can end at the colon at `colon`: `urlScheme` reads, from wherever a URL may
 * start, scheme characters and skipped ones up to the first colon, so the scheme is a tail of what precedes it.
 */
export function schemeEndsAt(form: string, colon: number): boolean {
  for (const scheme of URL_SCHEMES) {
    let k = scheme.length - 1;
    for (let i = colon - 1; i >= 0 && k >= 0; i--) {
      const code = form.charCodeAt(i);
      if (isIgnoredInScheme(code)) {
        continue;
      }
      if ((code >= 0x41 && code <= 0x5a ? code | 0x20 : code) !== scheme.charCodeAt(k)) {
        break;
      }
      k--;
    }
    if (k < 0) {
      return true;
    }
  }
  return false;
}

