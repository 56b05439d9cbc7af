import { COMPARISONS } from './sqli.lexicon.js';
import { breaksOut, findAt, isComparison, isLiteral, isText, type RuleInput, shortComment, truncates } from './sqli.rule-kit.js';
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
  return findAt(sig, (cur, k) => {
    if (cur.type !== 'logic' || cur.text === 'not') {
      return false;
    }
    const left = scanOperand(sig, k + 1);
    if (left === undefined) {
      return false;
    }
    let op = left.end;
    if (isComparison(sig[op])) {
      op++;
      while (isText(sig[op], 'not', 'like', 'binary')) {
        op++;
      }
      const right = scanOperand(sig, op);
      if (right === undefined) {
        return false;
      }
      const literals = Number(left.literal) + Number(right.literal);
      const leads = k === 0 || (k === 1 && sig[0]?.type === 'number');
      return literals === 2 || (literals === 1 && (brokeAt(k) || leads));
    }
    // `' or 1--`, `' or true#`: a lone truthy value ending the query.
    const tail = sig[op];
    const first = sig[k + 1];
    if (first === undefined) {
      return false;
    }
    const truthy = ((first.type === 'number' || isText(first, 'true')) && op === k + 2) || first.type === 'lparen' || (first.type === 'string' && commented);
    return left.literal && truthy && (brokeAt(k) || truncated) && (tail === undefined || tail.type === 'semicolon' || tail.type === 'rparen');
  });
}

/** `'x'!='y`, `1 = 1`: the whole value is a comparison of two literals. */
export function literalComparison({ sig }: RuleInput): SqlToken | undefined {
  const [left, op, right] = sig;
  const chained = sig.length === 5 && isComparison(sig[3]) && isLiteral(sig[4]);
  if (left === undefined || op === undefined) {
    return undefined;
  }
  return (sig.length === 3 || chained) && left.type === 'string' && left.closed && left.text !== '' && op.type === 'operator' && COMPARISONS.has(op.text) && isLiteral(right) ? left : undefined;
}
