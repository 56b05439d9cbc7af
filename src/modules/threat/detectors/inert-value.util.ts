import { CMDI_RULES } from './cmdi/cmdi.detector.js';
import { BATCH_WORDS, startsWithBatchWord, startsWithCommand } from './cmdi/cmdi.screen.js';
import { decodeBase64Text } from '../normalize/base64-text.util.js';
import { isLatin1Letter } from '../normalize/plain-text.util.js';
import { everyNeedleSetKeyed, mayContainNeedleOf, needleKeyPairs } from './form-profile.js';
import { hashLetters } from './letter-runs.js';
import { OTHER_RULES } from './other/other.detector.js';
import { INI_NAMES, PHP_NAMES } from './other/other.screen.js';
import { SQLI_SCREEN_WORDS } from './sqli/sqli.screen.js';
import { SQLI_RULES } from './sqli/sqli.rules.js';
import { TRAVERSAL_RULES } from './traversal/traversal.detector.js';
import { TRAVERSAL_SCREEN_WORDS } from './traversal/traversal.screen.js';
import { XSS_RULES } from './xss/rules/xss-rules.js';
import { runFlags } from './xss/screen-triggers.js';

/**
 * The rules whose screens this fast path was worked out from. A rule added or removed switches it off (every value
 * then takes the full path) until the reasoning below is checked again.
 */
const REVIEWED_RULES = [
  'cmdi 001 002 003 004 005 006 007 008 009 010 011 012 013 014 015 016 017 020 021',
  'other 001 002 003 010 011 012 013 014 015 020 021 022 030 031 032 033 034 040 041 042 043 044 045 046 047 048 049 050 051 060 070 071 080',
  'sqli 001 002 003 004 005 006 007 008 009 010 011 012 013 014 015 016 017 018 019 020 021 022 023 024 025 026 101 102',
  'traversal 001 002 003 004 005 006 007 020 021',
  'xss 001 002 003 004 005 006 007 008 009 010 011 012 013 014 020 021 022 023 024 025 026 027 028 029 030 031 101 102 103 104 105 106 201 301',
].flatMap((line) => {
  const [cls, ...numbers] = line.split(' ');
  return numbers.map((n) => `${cls}-${n}`);
});

function sameIds(actual: readonly string[], expected: readonly string[]): boolean {
  const sorted = [...actual].sort();
  return sorted.length === expected.length && [...expected].sort().every((id, i) => sorted[i] === id);
}

const ENABLED =
  TRAVERSAL_SCREEN_WORDS !== null &&
  sameIds([...CMDI_RULES, ...OTHER_RULES, ...SQLI_RULES, ...TRAVERSAL_RULES, ...Object.values(XSS_RULES)].map((rule) => rule.id), REVIEWED_RULES);

/** Every letter run a word screen looks up (SQLi, traversal, XSS), by `hashLetters` hash. */
const SCREEN_WORDS: ReadonlySet<number> = new Set([...SQLI_SCREEN_WORDS.keys(), ...(TRAVERSAL_SCREEN_WORDS?.keys() ?? [])]);

const LETTER = 1;
const DIGIT = 2;
/** A space, `_` or `,`: no screen's gate holds them and no special pair starts with them. */
const QUIET = 3;
/** `-`, `.` and `@`: doubled they open a screen (`--` and `@@` SQLi's, `..` traversal's). */
const DOUBLING = 4;
/** Allowed in ISO 8601 timestamps and times of day only (isIsoTimestamp, isTimeOfDay); `::` would open SQLi's screen. */
const COLON = 5;
/**
 * A Latin-1 letter (isLatin1Letter): no decoding changes it, every screen reads it as a non-ASCII character that
 * ends a letter run and pairs as DEL, and none of the gates it meets as such (`NON_ASCII`) lets it through.
 */
const LATIN1_LETTER = 6;
/** Allowed in phone numbers only (see isPhoneNumber). */
const PLUS = 7;

const KIND = Uint8Array.from({ length: 0x80 }, (_, code) => {
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x7a) {
    return LETTER;
  }
  if (code >= 0x30 && code <= 0x39) {
    return DIGIT;
  }
  if (code === 0x3a || code === 0x2b) {
    return code === 0x3a ? COLON : PLUS;
  }
  return code === 0x20 || code === 0x5f || code === 0x2c ? QUIET : code === 0x2d || code === 0x2e || code === 0x40 ? DOUBLING : 0;
});

/**
 * Needle sets whose screens sit behind a gate such a value never meets: PHP names behind `(`, ini directives behind
 * `=`, `for`/`if` behind a separator or `(` (the value's start is checked on its own).
 */
const GATED_NEEDLES = PHP_NAMES.bit | INI_NAMES.bit | BATCH_WORDS.bit;

const FNV_OFFSET = hashLetters('');
const FNV_PRIME = 0x01000193;
/** How form-profile.ts pairs a form's first character: after DEL. */
const BEFORE_FIRST = 0x7f;

function isScreenWord(hash: number): boolean {
  return SCREEN_WORDS.has(hash) || runFlags(hash) !== 0;
}

/** Whether `0` at `at` opens a hex or binary literal (`0x`, `0b`), which SQLi's screen and traversal's let through. */
function opensLiteral(value: string, at: number): boolean {
  const next = value.charCodeAt(at + 1) | 0x20;
  return next === 0x78 || next === 0x62;
}

/**
 * Whether every character is a letter, digit, space or one of `_ , - . @` (and `:` or `+` when `extra` has their
 * kind's bit), with no doubled
 * `-`, `.`, `@` or `:`, no `0x` or `0b`, at most `maxDots` dots and no letter run any word screen looks up: then the
 * needle sets (bits) one of whose key pairs it holds, which it may hold a needle of; else -1.
 */
function inertChars(value: string, extra: number, maxDots: number): number {
  const keys = needleKeyPairs();
  let needles = 0;
  let hash = FNV_OFFSET;
  let inRun = false;
  let previous = BEFORE_FIRST;
  let dots = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const kind = code < 0x80 ? (KIND[code] ?? 0) : isLatin1Letter(code) ? LATIN1_LETTER : 0;
    const folded = kind === LETTER ? code | 0x20 : kind === LATIN1_LETTER ? BEFORE_FIRST : code;
    if (kind === 0 || (kind >= COLON && kind !== LATIN1_LETTER && (extra & (1 << kind)) === 0)) {
      return -1;
    }
    needles |= keys[(previous << 7) | folded] ?? 0;
    previous = folded;
    if (kind === LETTER) {
      hash = Math.imul(hash ^ folded, FNV_PRIME);
      inRun = true;
      continue;
    }
    if ((inRun && isScreenWord(hash)) || ((kind === DOUBLING || kind === COLON) && value.charCodeAt(i + 1) === code) || (code === 0x30 && opensLiteral(value, i))) {
      return -1;
    }
    hash = FNV_OFFSET;
    inRun = false;
    dots += code === 0x2e ? 1 : 0;
  }
  return dots > maxDots || (inRun && isScreenWord(hash)) ? -1 : needles & ~GATED_NEEDLES;
}

function isDigitAt(value: string, at: number): boolean {
  const code = value.charCodeAt(at);
  return code >= 0x30 && code <= 0x39;
}

function digitsAt(value: string, at: number, count: number): boolean {
  for (let i = at; i < at + count; i++) {
    if (!isDigitAt(value, i)) {
      return false;
    }
  }
  return true;
}

/** `2026-04-06T10:15`, then optionally `:30`, `.123` and `Z`: how JSON APIs write timestamps. */
export function isIsoTimestamp(value: string): boolean {
  const n = value.length;
  if (n < 16 || n > 30 || value.charCodeAt(10) !== 0x54 || !digitsAt(value, 0, 4) || value.charCodeAt(4) !== 0x2d || !digitsAt(value, 5, 2)) {
    return false;
  }
  if (value.charCodeAt(7) !== 0x2d || !digitsAt(value, 8, 2) || !digitsAt(value, 11, 2) || value.charCodeAt(13) !== 0x3a || !digitsAt(value, 14, 2)) {
    return false;
  }
  let i = 16;
  if (value.charCodeAt(i) === 0x3a && digitsAt(value, i + 1, 2)) {
    i += 3;
  }
  if (value.charCodeAt(i) === 0x2e && isDigitAt(value, i + 1)) {
    i += 1;
    while (isDigitAt(value, i)) {
      i++;
    }
  }
  return (value.charCodeAt(i) === 0x5a ? i + 1 : i) === n;
}

function twoDigitsBelow(value: string, at: number, limit: number): boolean {
  return digitsAt(value, at, 2) && (value.charCodeAt(at) - 0x30) * 10 + value.charCodeAt(at + 1) - 0x30 < limit;
}

/** `10:15` or `10:15:30`, a valid time of day: how forms and APIs write opening hours and delivery slots. */
export function isTimeOfDay(value: string): boolean {
  const n = value.length;
  if ((n !== 5 && n !== 8) || !twoDigitsBelow(value, 0, 24) || value.charCodeAt(2) !== 0x3a || !twoDigitsBelow(value, 3, 60)) {
    return false;
  }
  return n === 5 || (value.charCodeAt(5) === 0x3a && twoDigitsBelow(value, 6, 60));
}

/**
 * True only for a value no rule of DETECTORS can match at any paranoia, so the engine may skip normalising and
 * screening it: ids, codes, e-mail addresses, plain words. Conservative: false means "inspect it".
 *
 * Why it is sound: such a value is plain text (isPlainText: no `% + & \`, no control or non-Latin-1 character) and
 * no base64 token of text (decodeBase64Text), so its only form is itself; and every screen in front of a rule turns
 * it away (each screen is sound on its own, see registry.spec.ts):
 * - gates: no rule's character gate is met except those on letters, `.`, `@`, `_ , -` and non-ASCII (NON_ASCII) that
 *   the checks below answer; the non-ASCII ones ask for line-break look-alikes, ideographic or fullwidth dots and
 *   slashes, and `İ`/Kelvin, none of them a Latin-1 letter;
 * - SQLi (sqliScreen): every character is "plain", no special pair (`--`, `@@`, `0x`, `0b`), no word it looks up;
 * - XSS (xssScreen): no markup, attribute, colon or parenthesis, and no letter run it looks up;
 * - traversal: no `..`, no `0x`, no word it looks up, no `.sql.` (a needle);
 * - other: no needle of a set it may read (mayContainAny, asked only of the sets whose key pairs it holds), no `@(`
 *   or template opener, and no SSRF target: no `: / ? # \`, and either a space inside (`urlTarget` reads no host in
 *   prose) or fewer than three dots and no final dot;
 * - cmdi: no separator, quote, `$`, backtick, backslash, bracket, `~ ! % ^ < >`; no command word opening the value,
 *   no `for`/`if` opening it, no `alias `.
 * A phone number's `+` makes form decoding add a second form, the value with spaces for `+`, and both forms must pass.
 * The raw form keeps SQLi's screen open, but every SQLi rule needs a feature (sqli.features.ts) that numbers and the
 * `+ -` operators never raise, or a quoted string (sqli-018). XSS reads `+` only before `A` (UTF-7); no other gate
 * holds it.
 * An ISO timestamp's colons meet three more gates: XSS's (no script scheme or CSS word can end at a colon after a
 * digit), the SSRF screens' (the host it reads holds `-` and `:`: no IPv4 spelling, no internal name, no scheme) and
 * other-033's, whose rule needs a fetch scheme, which a value opening with a digit has not.
 * A time of day (`10:15`, `10:15:30`) has only digits and colons; the SSRF screens read `10` (an IPv4 of 0.0.0.10,
 * no private or internal address) or, with two colons, no host they look up. The set is small enough that
 * inert-value.util.spec.ts runs every such value through the full detectors.
 * inert-value.util.spec.ts holds the full detectors to this on generated values.
 */
export function isInertValue(value: string): boolean {
  if (!ENABLED || value.length === 0 || !everyNeedleSetKeyed()) {
    return false;
  }
  const last = value.charCodeAt(value.length - 1);
  if (value.charCodeAt(0) === 0x20 || last === 0x20) {
    return false;
  }
  if (value.includes('+')) {
    return isPhoneNumber(value) && formIsInert(value, 1 << PLUS, 0) && formIsInert(value.replaceAll('+', ' '), 0, 0);
  }
  // The SSRF screens read no host in a value with a space inside; without one, a final dot or three dots make one.
  const hostLike = !value.includes(' ');
  if (hostLike && last === 0x2e) {
    return false;
  }
  // A token of base64's letters may encode text, which normalisation decodes and the detectors then read.
  return formIsInert(value, isIsoTimestamp(value) || isTimeOfDay(value) ? 1 << COLON : 0, hostLike ? 2 : value.length) && !(hostLike && decodeBase64Text(value) !== null);
}

/** What `isInertValue` asks of each form: its characters, its needles, and how it opens. */
function formIsInert(form: string, extra: number, maxDots: number): boolean {
  const needles = inertChars(form, extra, maxDots);
  return needles >= 0 && (needles === 0 || !mayContainNeedleOf(form, needles)) && !startsWithCommand(form) && !startsWithBatchWord(form) && !form.includes('alias ');
}

/** `+44 20 7946 0958`: digits, spaces, `+` and `-` (never two together), with a digit. */
export function isPhoneNumber(value: string): boolean {
  let digits = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) {
      digits++;
    } else if ((code !== 0x20 && code !== 0x2b && code !== 0x2d) || (code === 0x2d && value.charCodeAt(i + 1) === 0x2d)) {
      return false;
    }
  }
  return digits > 0;
}
