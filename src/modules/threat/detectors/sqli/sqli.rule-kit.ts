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
}

export const isText = (t: SqlToken | undefined, ...words: string[]): boolean =>
  t !== undefined && (t.type === 'word' || t.type === 'keyword' || t.type === 'function' || t.type === 'logic') && words.includes(t.text);
export const isLiteral = (t: SqlToken | undefined): boolean => t?.type === 'number' || t?.type === 'string' || isText(t, 'null', 'true', 'false');
export const isOperand = (t: SqlToken | undefined): boolean =>
  isLiteral(t) || t?.type === 'word' || t?.type === 'variable' || t?.type === 'identifier';
// `in (`, `like(` are tokenized as calls; they still compare.
export const isComparison = (t: SqlToken | undefined): boolean =>
  t !== undefined && (t.type === 'operator' || t.type === 'keyword' || t.type === 'function') && COMPARISONS.has(t.text);

/** In a quoted context the value first closes the application's string: that break is the start of an injection. */
export const closesQuote = (input: RuleInput, t: SqlToken | undefined): boolean =>
  input.context !== '' && t !== undefined && t.start === 0 && (t.type === 'string' || t.type === 'identifier') && t.closed;
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
  return sig.find((cur, k) => test(cur, k));
}

export const ARITHMETIC: ReadonlySet<string> = new Set(['+', '-', '*', '/', '%', '^', '&', '|', '!', '<<', '>>', 'div', 'mod', '~']);

export const firstIndex = (sig: readonly SqlToken[], word: string): number => {
  const k = sig.findIndex((t) => isText(t, word));
  return k < 0 ? Number.POSITIVE_INFINITY : k;
};
export const lastIndex = (sig: readonly SqlToken[], word: string): number => sig.findLastIndex((t) => isText(t, word));

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
