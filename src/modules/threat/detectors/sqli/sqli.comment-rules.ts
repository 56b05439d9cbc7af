import { COMMON_SQL_FUNCTIONS, SQL_ONLY_FUNCTIONS } from './sqli.lexicon.js';
import { findAt, isText, type RuleInput, shortComment, truncates } from './sqli.rule-kit.js';
import { type SqlToken } from './sqli.tokens.js';

const EXPRESSION_WORDS: ReadonlySet<string> = new Set(['select', 'binary', 'in', 'null', 'true', 'false', 'is', 'not', 'like', 'div', 'mod', 'between']);

/** `BINARY`, `IN`, `cos(`: expression words and SQL's own functions, not "Chapter (1)". */
function sqlWord(t: SqlToken): boolean {
  if (t.type === 'function') {
    return EXPRESSION_WORDS.has(t.text) || COMMON_SQL_FUNCTIONS.has(t.text) || SQL_ONLY_FUNCTIONS.has(t.text);
  }
  return (t.type === 'keyword' || t.type === 'word') && EXPRESSION_WORDS.has(t.text);
}

/** An attacker's comment marker carries at most a symbol or two (`--`, `-- -`, `--+`, `#`, `/*`); "1 -- 2" is a range. */
function bareMarker(comment: SqlToken): boolean {
  if (comment.version === true || !truncates(comment.text) || !shortComment(comment.text)) {
    return false;
  }
  const body = comment.text.startsWith('/*') ? comment.text.slice(2).replace(/\*\/$/, '') : comment.text.replace(/^(--|#)/, '');
  const rest = body.trim();
  return rest.length <= 2 && !/[\p{L}\p{N}]/u.test(rest);
}

/**
 * `1--`, `1 * 1 /*`, `( COS ( BINARY ( @a)) ) --`: the whole value is an expression of literals (no bare words), and
 * a comment marker cuts off the rest of the query. Numbers alone do not end in `--` in prose; lists (`1,1--`) do.
 */
export function expressionThenComment(input: RuleInput): SqlToken | undefined {
  const { tokens, sig } = input;
  const tail = tokens.at(-1);
  if (input.context !== '' || tail?.type !== 'comment' || tokens.length !== sig.length + 1 || !bareMarker(tail)) {
    return undefined;
  }
  let values = 0;
  // `1); --`: a statement end before the comment closes the query the same way.
  const end = sig.at(-1)?.type === 'semicolon' ? sig.length - 1 : sig.length;
  for (const t of sig.slice(0, end)) {
    if (t.type === 'number' || t.type === 'variable' || (t.type === 'string' && t.closed)) {
      values++;
    } else if (!(t.type === 'operator' || t.type === 'logic' || t.type === 'lparen' || t.type === 'rparen' || sqlWord(t))) {
      return undefined;
    }
  }
  return values > 0 ? sig[0] : undefined;
}

/** `-1#\r\nunion`, `1/1` + empty C comment + `union`: a comment stands in for the space between a value and UNION. */
export function commentBeforeUnion({ tokens }: RuleInput): SqlToken | undefined {
  let previous: SqlToken | undefined;
  return findAt(tokens, (cur, k) => {
    const hit = isText(cur, 'union') && tokens[k - 1]?.type === 'comment' && (previous?.type === 'number' || previous?.type === 'rparen' || (previous?.type === 'string' && previous.closed));
    if (cur.type !== 'comment') {
      previous = cur;
    }
    return hit;
  });
}
