import { COMPARISONS } from './sqli.lexicon.js';
import { breaksOut, findAt, isComparison, isLiteral, isText, opensQuotation, type RuleInput, shortComment, truncates } from './sqli.rule-kit.js';
import { scanOperand } from './sqli.expression.js';
import { type SqlToken } from './sqli.tokens.js';

/** `or 1=1`, `and 'a'='a'`, `' or ''='`, `and 1+2=3+4`, `or '{}' ? 'a'`: a boolean made of literals after a logic operator. */
export function booleanCondition(input: RuleInput): SqlToken | undefined {
  const { sig } = input;
  // The logic operator must come right after the break (`x' or`, `x') and`), not after a sentence ("Let's … or 6").
  let closers = 1;
  while (sig[closers]?.type === 'rparen') {
    closers++;
  }
  const brokeAt = (k: number): boolean => breaksOut(input) && k <= closers;
  const commented = input.tokens.some((c) => c.type === 'comment');
  // A /* */ inside a value is itself obfuscation (`or/**/1`), wherever it sits.
  const truncated = input.tokens.some((c) => c.type === 'comment' && ((truncates(c.text) && shortComment(c.text)) || !/^(--|#)/.test(c.text)));
  const leads = (k: number): boolean => k === 0 || (k === 1 && sig[0]?.type === 'number');
  return findAt(sig, (cur, k) => {
    if (cur.type !== 'logic' || cur.text === 'not') {
      return false;
    }
    if (selfComparisonEnds(sig, k + 1)) {
      return true;
    }
    const left = scanOperand(sig, k + 1);
    if (left === undefined) {
      return false;
    }
    let op = left.end;
    if (isComparison(sig[op])) {
      const isTest = isText(sig[op], 'is');
      op++;
      while (isText(sig[op], 'not', 'like', 'binary')) {
        op++;
      }
      // SQL's IS takes NULL, TRUE, FALSE, UNKNOWN, DISTINCT FROM or (SQLite) a literal; Python's `is` a name
      // (`and task.finished_time is None`, `or stream is sys.stdout`).
      if (isTest && !isText(sig[op], 'null', 'true', 'false', 'unknown', 'distinct') && sig[op]?.type !== 'number' && sig[op]?.type !== 'string') {
        return false;
      }
      const right = scanOperand(sig, op);
      if (right === undefined) {
        return false;
      }
      const literals = Number(left.literal) + Number(right.literal);
      // `aa'or col=col -- #`: column names compare too when the break is right before and a comment ends the query.
      const columnsThenComment = brokeAt(k) && truncated && right.end === sig.length;
      // A whole value ` OR x=y`: the condition is all there is, so it was written to be appended to a WHERE clause.
      const wholeCondition = k === 0 && right.end === sig.length && left.end === k + 2 && right.end === op + 1;
      return literals === 2 || (literals === 1 && (brokeAt(k) || leads(k))) || columnsThenComment || wholeCondition;
    }
    // `' or 1--`, `' or true#`: a lone truthy value ending the query.
    const tail = sig[op];
    const first = sig[k + 1];
    if (first === undefined) {
      return false;
    }
    const truthy = ((first.type === 'number' || isText(first, 'true')) && op === k + 2) || first.type === 'lparen' || (first.type === 'string' && commented);
    if (left.literal && truthy && (brokeAt(k) || truncated) && (tail === undefined || tail.type === 'semicolon' || tail.type === 'rparen')) {
      return true;
    }
    // `1 && 1`: prose writes "and", not the symbol.
    const symbolic = cur.text === '&&' || cur.text === '||';
    return tail === undefined && leads(k) && (loneBoolean(sig, k + 1, op) || (symbolic && isLiteral(first) && op === k + 2));
  });
}

/**
 * `hi or a=a`, `) or (col=col`: a column compared with itself is true on every row, and with nothing but closing
 * parentheses after it, it ends the value as the condition appended to a WHERE clause.
 */
function selfComparisonEnds(sig: readonly SqlToken[], from: number): boolean {
  let at = from;
  while (sig[at]?.type === 'lparen') {
    at++;
  }
  const left = sig[at];
  const op = sig[at + 1];
  const right = sig[at + 2];
  if (left?.type !== 'word' || op?.type !== 'operator' || op.text !== '=' || right?.type !== 'word' || right.text !== left.text) {
    return false;
  }
  return sig.slice(at + 3).every((token) => token.type === 'rparen' || token.type === 'semicolon');
}

/**
 * `1 and true`, `1 or not 0`, `1 and(1)`, a whole value `and 1`: the condition is one boolean literal. Prose ends on numbers
 * ("pages 1 and 2") but not on `true`, `false` or `not 0` after a number.
 */
function loneBoolean(sig: readonly SqlToken[], from: number, end: number): boolean {
  const first = sig[from];
  if (isText(first, 'true', 'false') && end === from + 1) {
    return true;
  }
  // `not 0`, `!0`, `~0`, `-1`, `(1)`: one literal, negated or wrapped.
  const unary = isText(first, 'not') || (first?.type === 'operator' && ['!', '~', '-'].includes(first.text));
  if (unary && isLiteral(sig[from + 1]) && end === from + 2) {
    return true;
  }
  if (first?.type === 'lparen' && isLiteral(sig[from + 1]) && sig[from + 2]?.type === 'rparen' && end === from + 3) {
    return true;
  }
  return from === 1 && isLiteral(first) && end === from + 1;
}

/**
 * `'x'!='y`, `1 = 1`: the whole value is a comparison of two literals. Also how injection probes tell databases
 * apart: a server variable compared (`@@CONNECTIONS>0`) and a SQL function call compared with itself
 * (`crc32('MySQL')=crc32('MySQL')`, `current_database()=current_database()`).
 */
export function literalComparison({ sig }: RuleInput): SqlToken | undefined {
  const left = sig[0];
  const op = sig[1];
  const right = sig[2];
  const chained = sig.length === 5 && isComparison(sig[3]) && isLiteral(sig[4]);
  if (left === undefined || op === undefined) {
    return undefined;
  }
  if (left.type === 'variable' && left.text.startsWith('@@') && sig.length === 3 && isComparison(op) && (isLiteral(right) || sameToken(left, right))) {
    return left;
  }
  if (left.type === 'function' && callComparedWithItself(sig)) {
    return left;
  }
  // `(r'=', Operator),`: the application's own quote would close a phrase, where `1'='1` leaves it a single token.
  const phraseLeftOpen = right?.type === 'string' && !right.closed && /\s/.test(right.text.trim());
  return (sig.length === 3 || chained) && left.type === 'string' && left.closed && left.text !== '' && !opensQuotation(left.text) && op.type === 'operator' && COMPARISONS.has(op.text) && isLiteral(right) && !phraseLeftOpen ? left : undefined;
}

const sameToken = (a: SqlToken | undefined, b: SqlToken | undefined): boolean => a !== undefined && b !== undefined && a.type === b.type && a.text === b.text;

/** The whole value is `f(…) = f(…)`, the same call on both sides of `=`. */
function callComparedWithItself(sig: readonly SqlToken[]): boolean {
  const half = (sig.length - 1) / 2;
  const op = sig[half];
  if (!Number.isInteger(half) || half < 3 || sig[1]?.type !== 'lparen' || sig[half - 1]?.type !== 'rparen' || op?.type !== 'operator' || op.text !== '=') {
    return false;
  }
  for (let k = 0; k < half; k++) {
    if (!sameToken(sig[k], sig[half + 1 + k])) {
      return false;
    }
  }
  return true;
}
