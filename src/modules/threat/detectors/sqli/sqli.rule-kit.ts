import { type Paranoia, type Severity } from '../../engine/threat.types.js';
import { COMPARISONS } from './sqli.lexicon.js';
import { type SqlContext, type SqlToken } from './sqli.tokens.js';

/** The tokens of one value in one context; `sig` leaves comments out so rules see SQL adjacency. */
export interface RuleInput {
  tokens: readonly SqlToken[];
  sig: readonly SqlToken[];
  context: SqlContext;
  /** The tokenized text. */
  source: string;
}

export interface SqliRule {
  id: string;
  severity: Severity;
  paranoia: Paranoia;
  description: string;
  /** The token where the match starts (its offset cuts the fragment), or undefined when the rule does not match. */
  match(input: RuleInput): SqlToken | undefined;
  /** FEATURE bits of which the token list must hold at least one for the rule to run; absent: it always runs. */
  needs?: number;
}

/** Token kinds that carry a word `isText` can read: words, keywords, calls and logic words. */
export const isWordLike = (t: SqlToken | undefined): t is SqlToken =>
  t !== undefined && (t.type === 'word' || t.type === 'keyword' || t.type === 'function' || t.type === 'logic');

/** A word, keyword, call or logic word spelled as one of the words given (fixed parameters: no array per call). */
export function isText(t: SqlToken | undefined, a: string, b?: string, c?: string, d?: string, e?: string, f?: string): boolean {
  if (!isWordLike(t)) {
    return false;
  }
  const text = t.text;
  return text === a || text === b || text === c || text === d || text === e || text === f;
}

/** `isText` for a longer list of words. */
export const isTextIn = (t: SqlToken | undefined, words: ReadonlySet<string>): boolean => isWordLike(t) && words.has(t.text);
export const isLiteral = (t: SqlToken | undefined): boolean => t?.type === 'number' || t?.type === 'string' || isText(t, 'null', 'true', 'false');
export const isOperand = (t: SqlToken | undefined): boolean =>
  isLiteral(t) || t?.type === 'word' || t?.type === 'variable' || t?.type === 'identifier';
// `in (`, `like(` are tokenized as calls; they still compare.
export const isComparison = (t: SqlToken | undefined): boolean =>
  t !== undefined && (t.type === 'operator' || t.type === 'keyword' || t.type === 'function') && COMPARISONS.has(t.text);

/** In a quoted context the value first closes the application's string: that break is the start of an injection. */
export const closesQuote = (input: RuleInput, t: SqlToken | undefined): boolean =>
  input.context !== '' && t !== undefined && t.start === 0 && (t.type === 'string' || t.type === 'identifier') && t.closed && !opensQuotation(t.text);

/**
 * `Don't write "WHERE 1=1" in code`: several words then a space before the quote open a quotation in prose; a value
 * that closes the application's string ends right at the quote (`admin'`, `1')`) or is a single word.
 */
export function opensQuotation(text: string): boolean {
  const trimmed = text.trimEnd();
  return (trimmed.length < text.length && /\s/.test(trimmed)) || opensCallArgument(text);
}

/** `@Controller('/')`, `ipaddr.parse('::1')`: the quote opens a function argument in code, not a break-out. */
function opensCallArgument(text: string): boolean {
  const before = text.charAt(text.length - 2);
  return text.endsWith('(') && ((before >= 'a' && before <= 'z') || (before >= 'A' && before <= 'Z') || before === '_' || before === '$');
}
export const breaksOut = (input: RuleInput): boolean => closesQuote(input, input.sig[0]);

/** What follows SELECT when it is a query and not English: a literal, `*`, a call, a variable, a column list. */
export function selectsSomething(sig: readonly SqlToken[], k: number): boolean {
  const t = sig[k];
  const after = sig[k + 1];
  if (t === undefined) {
    return true;
  }
  if (t.type === 'number' || (t.type === 'string' && t.closed) || t.type === 'variable' || t.type === 'function' || t.type === 'lparen' || t.type === 'identifier') {
    return true;
  }
  // `*`, unary signs and ODBC `{`; not `&` or `/`, which follow "union select" in URLs and prose.
  if (t.type === 'operator' && ['*', '-', '+', '~', '!', '{'].includes(t.text)) {
    return true;
  }
  if (isText(t, 'null', 'distinct', 'all', 'top', 'case', 'distinctrow')) {
    return true;
  }
  return (t.type === 'word' || t.type === 'keyword') && (after === undefined || after.type === 'comma' || after.type === 'rparen' || isText(after, 'from', 'into') || after.type === 'operator');
}

/** First token satisfying `test` at index k of `sig`. */
export function findAt(sig: readonly SqlToken[], test: (cur: SqlToken, k: number) => boolean): SqlToken | undefined {
  for (let k = 0; k < sig.length; k++) {
    const cur = sig[k];
    if (cur !== undefined && test(cur, k)) {
      return cur;
    }
  }
  return undefined;
}

export const ARITHMETIC: ReadonlySet<string> = new Set(['+', '-', '*', '/', '%', '^', '&', '|', '!', '<<', '>>', 'div', 'mod', '~']);

/** `--` then nothing, a space or another dash; `#` right at the end; any C comment. Product names carry `'#2` and `' --X`. */
export function truncates(comment: string): boolean {
  if (comment.startsWith('--')) {
    const after = comment[2];
    return after === undefined || after === ' ' || after === '\t' || after === '-' || after === '+' || after === '\r';
  }
  return comment === '#' || !comment.startsWith('#');
}

/** `-- -`, `#`, `--+`: attackers' comments carry no prose ("-- whichever works"). */
export function shortComment(comment: string): boolean {
  return !/[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(comment);
}
