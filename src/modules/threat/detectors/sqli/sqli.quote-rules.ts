import { COMPARISONS, PROSE_STATEMENTS, STATEMENTS } from './sqli.lexicon.js';
import { ARITHMETIC, breaksOut, closesQuote, isText, type RuleInput, selectsSomething, shortComment, truncates } from './sqli.rule-kit.js';
import { statementShaped } from './sqli.statement-rules.js';
import { type SqlToken } from './sqli.tokens.js';

/** `admin'--`, `x')) #`, `a' /*`: the quote is closed and the rest of the query commented away. */
export function commentTruncation(input: RuleInput): SqlToken | undefined {
  if (!closesQuote(input, input.tokens[0])) {
    return undefined;
  }
  let j = 1;
  while (input.tokens[j]?.type === 'rparen' || (input.tokens[j]?.type === 'comment' && input.tokens[j + 1]?.type === 'semicolon')) {
    j++;
  }
  const c = input.tokens[j];
  // `admin@x.op';`: a single-token value (no spaces, unlike product names such as "HAT 18';") closed and ended.
  const single = !/\s/.test(input.tokens[0]?.text ?? ' ') && c?.type === 'semicolon' && input.tokens.length === j + 1;
  if (c?.type === 'semicolon' && (input.tokens[j + 1]?.type === 'comment' || single)) {
    return c;
  }
  return c !== undefined && c.type === 'comment' && !c.version && input.tokens.length === j + 1 && truncates(c.text) ? c : undefined;
}

/** After a quote break, SQL continues: `' union`, `' and`, `'; select`, `' waitfor`, `'||(select`. */
export function quoteBreakThenSql(input: RuleInput): SqlToken | undefined {
  if (!breaksOut(input)) {
    return undefined;
  }
  const next = input.sig[1];
  const after = input.sig[2];
  if (next === undefined) {
    return undefined;
  }
  if (next.type === 'semicolon' && after !== undefined && STATEMENTS.has(after.text) && (!PROSE_STATEMENTS.has(after.text) || statementShaped(input.sig, 2))) {
    return next;
  }
  if (isText(next, 'waitfor') || (isText(next, 'select') && selectsSomething(input.sig, 2))) {
    return next;
  }
  // `' having 1=1`, `' order by 3`, `' where 1=1`, `' limit 1`: a clause keyword followed by SQL, not by a word of
  // prose. LIMIT takes a count; ORDER and GROUP need BY, PROCEDURE needs ANALYSE (`'procedure?', 'quotient'` is a list
  // of Scheme names).
  if ((isText(next, 'having', 'where') && after !== undefined && after.type !== 'word' && after.type !== 'string') || (isText(next, 'limit') && after?.type === 'number')) {
    return next;
  }
  if ((isText(next, 'order', 'group') && isText(after, 'by')) || (isText(next, 'procedure') && isText(after, 'analyse'))) {
    return next;
  }
  if (next.type === 'logic' && (after?.type === 'function' || after?.type === 'lparen' || isText(after, 'select', 'exists'))) {
    return next;
  }
  return undefined;
}

/**
 * `href="/"`, `sep='-'`, `id="*"`: a name assigned one quoted operator character, as markup and code write it, and
 * nothing after it. `admin'-'` and `'-'` (no name and `=` before the quote) stay attacks.
 */
function quotedAssignment(sig: readonly SqlToken[]): boolean {
  const last = sig.at(-1);
  return sig.length === 3 && /^[A-Za-z_][\w:-]{0,39}=$/.test(sig[0]?.text ?? '') && sig[1]?.text.length === 1 && last?.type === 'string' && last.text === '';
}

/** `A' OR 'B`, `' = '`, `'||'`: close the quote, operate, and let the application's own quote close the last string. */
export function quotedOperation(input: RuleInput): SqlToken | undefined {
  const { sig } = input;
  const last = sig.at(-1);
  if (!breaksOut(input) || sig.length < 3 || sig.length > 5 || last?.type !== 'string' || last.closed || quotedAssignment(sig)) {
    return undefined;
  }
  // Attack operands are single tokens ('', 'B', 1); product names and prose put spaces inside the quotes.
  if (/\s/.test(sig[0]?.text ?? ' ') || /\s/.test(last.text) || last.text.length > 12 || input.tokens.length !== sig.length || input.source[last.start] !== input.context) {
    return undefined;
  }
  const middle = sig.slice(1, -1);
  const operatorLike = (t: SqlToken): boolean => t.type === 'operator' || t.type === 'logic' || (t.type === 'keyword' && (COMPARISONS.has(t.text) || ARITHMETIC.has(t.text)));
  return middle.every(operatorLike) ? middle[0] : undefined;
}

export const EXPRESSION_KEYWORDS: ReadonlySet<string> = new Set(['is', 'null', 'like', 'rlike', 'regexp', 'between', 'sounds', 'binary', 'div', 'mod', 'true', 'false', 'in', 'collate', 'escape']);

/**
 * `aa'^0+0='0`, `aa' is 0 or '1`, `asd' =- (-'asd') -- -a`: after the quote break only an expression follows
 * (operators, literals, at most two lone column names) and it ends in the application's own quote or a comment.
 */
export function quotedExpression(input: RuleInput): SqlToken | undefined {
  const { sig, tokens } = input;
  // Prose and markup put spaces before the quote ("bob's", `href="`) and words right after it.
  if (!breaksOut(input) || /\s/.test(sig[0]?.text.trimStart() ?? ' ') || sig[1]?.type === 'word' || sig.length < 3 || quotedAssignment(sig)) {
    return undefined;
  }
  const last = sig.at(-1);
  const reopened = last?.type === 'string' && !last.closed && input.source[last.start] === input.context && /^\w{0,12}$/.test(last.text.trimEnd());
  // A trailing comment ends the injection only when it is short or comment-shaped, not a run of binary noise.
  const tail = tokens.at(-1);
  const commented = tail?.type === 'comment' && tail.version !== true && (tail.text.length <= 12 || (truncates(tail.text) && shortComment(tail.text) && /^[\x20-\x7e]*$/.test(tail.text)));
  if (!reopened && !commented) {
    return undefined;
  }
  const middle = sig.slice(1, reopened ? -1 : undefined);
  let operators = 0;
  let words = 0;
  for (const [k, t] of middle.entries()) {
    if (t.type === 'operator' && t.text === '.') {
      return undefined;
    }
    // `div`, `mod` are arithmetic words; `in (` reads as a call but compares.
    if (t.type === 'operator' || t.type === 'logic' || ((t.type === 'keyword' || t.type === 'function') && (COMPARISONS.has(t.text) || ARITHMETIC.has(t.text)))) {
      operators++;
    } else if (t.type === 'word') {
      words++;
      if (middle[k - 1]?.type === 'word' || words > 2) {
        return undefined;
      }
    } else if (t.type === 'string' && /\s/.test(t.text)) {
      // `(r'\}', Comment, '#pop'),`: a quoted phrase is code or prose; attack operands are single tokens ('', 'a', '1').
      // Untrimmed, unlike literalComparison's test: here a space at either end of the quotes is prose too.
      return undefined;
    } else if (!(t.type === 'number' || t.type === 'variable' || t.type === 'lparen' || t.type === 'rparen' || t.type === 'function' || t.type === 'string' || (t.type === 'keyword' && EXPRESSION_KEYWORDS.has(t.text)))) {
      return undefined;
    }
  }
  // "a' or b'" ends on a bare word: two quoted words joined by prose, not an expression.
  return operators > 0 && middle.length > 0 && middle.at(-1)?.type !== 'word' ? middle[0] : undefined;
}
