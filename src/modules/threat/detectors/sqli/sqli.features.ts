import { SYSTEM_OBJECTS, TIME_FUNCTIONS } from './sqli.lexicon.js';
import { namesSystemObject } from './sqli.system-objects.js';
import { type SqlContext, type SqlToken } from './sqli.tokens.js';
import { WordMap } from './sqli.word-map.js';

/**
 * What a token list contains, one bit per anchor some rule cannot match without. A rule that names the bits it
 * needs is skipped when none is present: each bit is a necessary condition of that rule, never a sufficient one.
 */
export const FEATURE = {
  union: 1 << 0,
  select: 1 << 1,
  /** A logic operator other than NOT. */
  logic: 1 << 2,
  semicolon: 1 << 3,
  function: 1 << 4,
  identifier: 1 << 5,
  variable: 1 << 6,
  comment: 1 << 7,
  versionComment: 1 << 8,
  hexNumber: 1 << 9,
  cast: 1 << 10,
  waitfor: 1 << 11,
  exec: 1 << 12,
  declare: 1 << 13,
  /** A word `querySkeleton` starts a clause at. */
  skeleton: 1 << 14,
  /** A word `wholeStatement` starts a statement at. */
  write: 1 << 15,
  /** A word `sqlKeywordPair` starts a pair at. */
  keywordPair: 1 << 16,
  /** A quoted context whose string the value closes: where every quote-break rule starts (see `closesQuote`). */
  quoteClosed: 1 << 17,
  /** A word, call or identifier `systemObject` matches: that rule has no other anchor. */
  systemObject: 1 << 18,
  /** A word spelled as a time function (`sleep`, `benchmark` …): `timeBased` calls one or reads one after SELECT. */
  timeFunction: 1 << 19,
} as const;

const WORDS: [string, number][] = [
  ['union', FEATURE.union | FEATURE.keywordPair],
  ['select', FEATURE.select | FEATURE.skeleton | FEATURE.keywordPair],
  ['waitfor', FEATURE.waitfor],
  ['exec', FEATURE.exec],
  ['execute', FEATURE.exec],
  ['declare', FEATURE.declare],
  ...['into', 'having', 'order', 'group', 'against', 'procedure', 'if', 'iif', 'case', 'as', 'alter', 'create'].map((w): [string, number] => [w, FEATURE.skeleton]),
  ['from', FEATURE.skeleton | FEATURE.write | FEATURE.keywordPair],
  ...['insert', 'delete'].map((w): [string, number] => [w, FEATURE.write | FEATURE.keywordPair]),
  ...['update', 'copy', 'attach', 'infile', 'backup'].map((w): [string, number] => [w, FEATURE.write]),
  ['drop', FEATURE.keywordPair | FEATURE.write],
  ...[...TIME_FUNCTIONS].map((w): [string, number] => [w, FEATURE.timeFunction]),
  ...[...SYSTEM_OBJECTS].map((w): [string, number] => [w, FEATURE.systemObject]),
];
/** Bits of the words rules anchor on, for tokens `isText` reads (words, keywords, calls, logic words). */
const WORD_FEATURES = new WordMap(WORDS.reduce((map, [w, bits]) => map.set(w, (map.get(w) ?? 0) | bits), new Map<string, number>()));

const systemObjectBit = (text: string): number => (namesSystemObject(text) ? FEATURE.systemObject : 0);

/** A name's bits: the map holds whole system object names; only a dotted or `xp_` name needs `namesSystemObject`. */
const nameBits = (text: string): number => (WORD_FEATURES.get(text) ?? 0) | (text.includes('.') || text.startsWith('xp_') ? systemObjectBit(text) : 0);

function tokenFeatures(t: SqlToken): number {
  switch (t.type) {
    case 'word':
      return nameBits(t.text);
    case 'keyword':
      return WORD_FEATURES.get(t.text) ?? 0;
    case 'function':
      return FEATURE.function | nameBits(t.text);
    case 'logic':
      return t.text === 'not' ? 0 : FEATURE.logic;
    case 'semicolon':
      return FEATURE.semicolon;
    case 'identifier':
      return FEATURE.identifier | systemObjectBit(t.text);
    case 'variable':
      return FEATURE.variable;
    case 'comment':
      return t.version === true ? FEATURE.comment | FEATURE.versionComment : FEATURE.comment;
    case 'number':
      return t.text.startsWith('0x') ? FEATURE.hexNumber : 0;
    case 'operator':
      return t.text === '::' ? FEATURE.cast : 0;
    default:
      return 0;
  }
}

export function featuresOf(tokens: readonly SqlToken[], context: SqlContext): number {
  // In a quoted context the first token is always the application's string, from offset 0.
  let bits = context !== '' && tokens[0]?.closed === true ? FEATURE.quoteClosed : 0;
  for (const t of tokens) {
    bits |= tokenFeatures(t);
  }
  return bits;
}
