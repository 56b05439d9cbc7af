import type { Screen } from '../screen-kit.js';
import { boundedRuns, letterRunFlags, letterTable } from '../letter-runs.js';
import { KEYWORDS, LOGIC_WORDS, SYSTEM_OBJECTS } from './sqli.lexicon.js';
import { SQLI_RULES } from './sqli.rules.js';

/** The rules this screen was derived from; a rule added later switches the screen off until it is looked at. */
const SCREENED_RULE_IDS: ReadonlySet<string> = new Set([
  ...Array.from({ length: 26 }, (_, i) => `sqli-${String(i + 1).padStart(3, '0')}`),
  'sqli-101',
  'sqli-102',
]);
const COVERS_ALL_RULES = SQLI_RULES.every((rule) => SCREENED_RULE_IDS.has(rule.id));

/** Word flags, one bit per word (or family) some rule needs in a value without quotes, calls or comments. */
const W = {
  union: 1 << 0,
  select: 1 << 1,
  logic: 1 << 2,
  comparison: 1 << 3,
  literal: 1 << 4,
  exec: 1 << 5,
  declare: 1 << 6,
  into: 1 << 7,
  outfile: 1 << 8,
  having: 1 << 9,
  group: 1 << 10,
  order: 1 << 11,
  by: 1 << 12,
  procedure: 1 << 13,
  analyse: 1 << 14,
  case: 1 << 15,
  when: 1 << 16,
  then: 1 << 17,
  alter: 1 << 18,
  ddlObject: 1 << 19,
  systemObject: 1 << 20,
  keywordPair: 1 << 21,
  from: 1 << 22,
  where: 1 << 23,
  limit: 1 << 24,
  insert: 1 << 25,
  delete: 1 << 26,
  copy: 1 << 27,
  program: 1 << 28,
  dual: 1 << 29,
} as const;

/** One run per system object that stays whole wherever `systemObject` matches (the object is a token or its head). */
function systemObjectRuns(): [string, number][] {
  const runs = [...SYSTEM_OBJECTS].map((name) => boundedRuns(name, { start: true, end: true }).reduce((a, b) => (b.length > a.length ? b : a), ''));
  return [...runs, 'xp'].map((run) => [run, W.systemObject]);
}

const WORDS = letterTable([
  ['union', W.union | W.keywordPair],
  ['select', W.select | W.keywordPair],
  ...[...LOGIC_WORDS].map((word): [string, number] => [word, W.logic]),
  ...['like', 'rlike', 'regexp', 'is', 'sounds', 'in', 'between'].map((word): [string, number] => [word, W.comparison]),
  ...['null', 'true', 'false'].map((word): [string, number] => [word, W.literal]),
  ['exec', W.exec],
  ['execute', W.exec],
  ['declare', W.declare],
  ['into', W.into],
  ['outfile', W.outfile],
  ['dumpfile', W.outfile],
  ['having', W.having],
  ['group', W.group],
  ['order', W.order],
  ['by', W.by],
  ['procedure', W.procedure | W.ddlObject],
  ['analyse', W.analyse],
  ['case', W.case],
  ['when', W.when],
  ['then', W.then],
  ['alter', W.alter],
  ['create', W.alter],
  ['table', W.ddlObject],
  ['function', W.ddlObject],
  // Not an object, but `create user x identified by` needs it where it needs no object (sqli-016).
  ['identified', W.ddlObject],
  ['from', W.from | W.keywordPair],
  ['where', W.where],
  ['limit', W.limit],
  ['insert', W.insert | W.keywordPair],
  ['delete', W.delete | W.keywordPair],
  ['drop', W.keywordPair],
  ['copy', W.copy],
  ['program', W.program],
  ['dual', W.dual],
  ...systemObjectRuns(),
]);

/** The screen's word table by `hashLetters` hash, for the engine's inert-value fast path (inert-value.util.ts). */
export const SQLI_SCREEN_WORDS: ReadonlyMap<number, number> = WORDS;

/**
 * The characters of a "plain" value: letters, digits, `_ . $ , - @ ! ? : /`, whitespace and non-ASCII. Such a value
 * tokenizes into words, keywords, numbers, commas, variables and lone operators: no strings, identifiers, calls,
 * comments, semicolons or comparison symbols (except `?`), in the bare context only.
 */
function isPlainChar(code: number): boolean {
  const lower = code | 0x20;
  return (
    (lower >= 0x61 && lower <= 0x7a) ||
    (code >= 0x30 && code <= 0x39) ||
    code <= 0x20 ||
    code >= 0x7f ||
    code === 0x5f || code === 0x2e || code === 0x24 || code === 0x2c || code === 0x2d || code === 0x40 || code === 0x21 || code === 0x3f || code === 0x3a || code === 0x2f
  );
}

/** Pairs that start comments (`--`, `/*`), server variables (`@@`), casts (`::`) or hex and binary literals (`0x`, `0b`). */
function startsSpecialPair(code: number, next: number): boolean {
  return (
    (code === 0x2d && next === 0x2d) ||
    (code === 0x2f && next === 0x2a) ||
    (code === 0x40 && next === 0x40) ||
    (code === 0x3a && next === 0x3a) ||
    (code === 0x30 && ((next | 0x20) === 0x78 || (next | 0x20) === 0x62)) ||
    // `İ` and Kelvin `K` lower-case to ASCII in the tokenizer (`liKe` is LIKE) but are no letters to the word scan.
    code === 0x130 ||
    code === 0x212a
  );
}

/** What the screen's character loop learns from an ASCII code, looked up once per character. */
const C = { plain: 1, pair: 2, digit: 4, at: 8, question: 16 } as const;
const ASCII_CLASS = Uint8Array.from({ length: 0x80 }, (_, code) =>
  (isPlainChar(code) ? C.plain : 0) |
  ([0x2d, 0x2f, 0x40, 0x3a, 0x30].includes(code) ? C.pair : 0) |
  (code >= 0x30 && code <= 0x39 ? C.digit : 0) |
  (code === 0x40 ? C.at : 0) |
  (code === 0x3f ? C.question : 0),
);

/** The digit, `@` and `?` marks of a plain form (see isPlainChar) without special pairs; -1 for any other form. */
function plainMarks(form: string): number {
  let marks = 0;
  for (let i = 0; i < form.length; i++) {
    const code = form.charCodeAt(i);
    if (code >= 0x80) {
      if (startsSpecialPair(code, 0)) {
        return -1;
      }
      continue;
    }
    const cls = ASCII_CLASS[code] ?? 0;
    if ((cls & C.plain) === 0 || ((cls & C.pair) !== 0 && startsSpecialPair(code, form.charCodeAt(i + 1)))) {
      return -1;
    }
    marks |= cls;
  }
  return marks;
}

const isSpace = (code: number): boolean => code <= 0x20 || code === 0xa0 || code === 0x7f;
const isLetter = (code: number): boolean => (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;

/** The letter run at `at` (lower-cased) and where it ends; '' when no letter is there. */
function runAt(form: string, at: number): { word: string; end: number } {
  let end = at;
  while (end < form.length && isLetter(form.charCodeAt(end))) {
    end++;
  }
  return { word: form.slice(at, end).toLowerCase(), end };
}

function skipSpaces(form: string, at: number): number {
  let i = at;
  while (i < form.length && isSpace(form.charCodeAt(i))) {
    i++;
  }
  return i;
}

/**
 * `selectsSomething` after a SELECT: anything but two plain words where the second is not FROM/INTO reads as a
 * query item (or a time function, `select sleep`). Anything that is not a lone letter run counts, conservatively.
 */
function selectsSomethingAfter(form: string, selectEnd: number): boolean {
  const first = skipSpaces(form, selectEnd);
  if (first >= form.length || !isLetter(form.charCodeAt(first))) {
    return true;
  }
  const item = runAt(form, first);
  if (KEYWORDS.has(item.word) || LOGIC_WORDS.has(item.word) || ['sleep', 'benchmark', 'pg'].includes(item.word)) {
    return true;
  }
  const second = skipSpaces(form, item.end);
  if (second === item.end && second < form.length) {
    return true;
  }
  if (second >= form.length || !isLetter(form.charCodeAt(second))) {
    return true;
  }
  const next = runAt(form, second).word;
  return next === 'from' || next === 'into';
}

function anySelectSelects(form: string): boolean {
  const pattern = /select/gi;
  for (let m = pattern.exec(form); m !== null; m = pattern.exec(form)) {
    const end = m.index + m[0].length;
    const whole = !isLetter(form.charCodeAt(m.index - 1)) && !isLetter(form.charCodeAt(end));
    if (whole && selectsSomethingAfter(form, end)) {
      return true;
    }
  }
  return false;
}

/** `booleanCondition` without a comparison needs the logic word to open the value, or to follow an opening number. */
function opensWithLogic(form: string): boolean {
  const at = skipSpaces(form, 0);
  const code = form.charCodeAt(at);
  if ((code >= 0x30 && code <= 0x39) || code === 0x2e) {
    return true;
  }
  return LOGIC_WORDS.has(runAt(form, at).word);
}

/** Whether every word of `words` (W flags ORed together: each is one bit) is in `flags`; no array per test. */
const has = (flags: number, words: number): boolean => (flags & words) === words;

/** Which rules a plain value's words allow, each test a necessary condition of the rules named. */
function plainValueMayMatch(form: string, flags: number, paranoia: number, values: { digit: boolean; literal: boolean }): boolean {
  const { digit, literal } = values;
  return (
    has(flags, W.union | W.select) || // sqli-001
    (has(flags, W.logic) && (opensWithLogic(form) || (has(flags, W.comparison) && literal))) || // sqli-003
    has(flags, W.exec) || // sqli-014
    has(flags, W.declare) || // sqli-015
    has(flags, W.systemObject) || // sqli-008, and sqli-016's FROM information_schema
    // sqli-005 (SELECT sleep) and sqli-016: SELECT with an item, FROM … LIMIT n or WHERE x op y after a SELECT.
    (has(flags, W.select) && (anySelectSelects(form) || (has(flags, W.from) && (has(flags, W.where) || (has(flags, W.limit) && digit))))) ||
    // sqli-016: INTO OUTFILE, n INTO @var, HAVING after GROUP or opening the value, ORDER/GROUP BY n after a number.
    (has(flags, W.into) && (has(flags, W.outfile) || literal)) ||
    (has(flags, W.having) && (has(flags, W.group) || (digit && has(flags, W.comparison)))) ||
    (has(flags, W.by) && (has(flags, W.order) || has(flags, W.group)) && digit) ||
    has(flags, W.procedure | W.analyse) ||
    has(flags, W.case | W.when | W.then) ||
    // sqli-025: INSERT INTO … SELECT, DELETE FROM … WHERE x LIKE y, COPY t TO PROGRAM, SELECT … FROM dual.
    has(flags, W.insert | W.into | W.select) ||
    has(flags, W.delete | W.from | W.where | W.comparison) ||
    has(flags, W.copy | W.program) ||
    has(flags, W.select | W.from | W.dual) ||
    has(flags, W.alter | W.ddlObject) ||
    (paranoia >= 3 && has(flags, W.keywordPair)) // sqli-102
  );
}

/**
 * SQL injection in a plain value (see isPlainChar) needs the SQL words its rules look for; any other character, or
 * a rule added since this screen was written, lets the value through to the detector.
 */
export const sqliScreen: Screen = (form, paranoia) => {
  if (!COVERS_ALL_RULES) {
    return true;
  }
  const marks = plainMarks(form);
  if (marks < 0) {
    return true;
  }
  const digit = (marks & C.digit) !== 0;
  const variable = (marks & C.at) !== 0;
  const question = (marks & C.question) !== 0;
  const flags = letterRunFlags(form, WORDS) | (question ? W.comparison : 0);
  return flags !== 0 && plainValueMayMatch(form, flags, paranoia, { digit, literal: digit || variable || has(flags, W.literal) });
};
