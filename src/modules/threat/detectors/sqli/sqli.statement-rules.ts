import { STATEMENTS } from './sqli.lexicon.js';
import { breaksOut, findAt, firstIndex, isComparison, isOperand, isText, lastIndex, type RuleInput, selectsSomething } from './sqli.rule-kit.js';
import { type SqlToken } from './sqli.tokens.js';

export function unionSelect({ sig }: RuleInput): SqlToken | undefined {
  return findAt(sig, (cur, k) => {
    if (!isText(cur, 'union')) {
      return false;
    }
    let j = k + 1;
    while (isText(sig[j], 'all', 'distinct', 'distinctrow') || sig[j]?.type === 'lparen') {
      j++;
    }
    return isText(sig[j], 'select') && selectsSomething(sig, j + 1);
  });
}

export function statementShaped(sig: readonly SqlToken[], k: number): boolean {
  const a = sig[k + 1];
  switch (sig[k]?.text) {
    case 'select':
      return selectsSomething(sig, k + 1);
    case 'insert':
    case 'replace':
      return isText(a, 'into') || a?.type === 'word' || a?.type === 'function';
    case 'delete':
      return isText(a, 'from') || isText(sig[k + 2], 'from');
    case 'call':
      return a?.type === 'function';
    case 'if':
    case 'while':
      return (isOperand(a) && isComparison(sig[k + 2])) || isText(a, 'exists', 'not');
    case 'load':
      return isText(a, 'data', 'xml');
    case 'do':
      return a?.type === 'lparen' || a?.type === 'function';
    case 'update':
      return (a?.type === 'word' || a?.type === 'identifier') && isText(sig[k + 2], 'set');
    case 'drop':
    case 'create':
    case 'alter':
    case 'truncate':
      return isText(a, 'table', 'database', 'schema', 'procedure', 'function', 'user', 'view', 'index', 'trigger', 'login') || a?.type === 'word' || a?.type === 'identifier' || a?.type === 'operator';
    case 'exec':
    case 'execute':
      return (
        a !== undefined &&
        (/^(xp_|sp_|master\.|dbo\.)/.test(a.text) ||
          a.type === 'function' ||
          a.type === 'variable' ||
          a.type === 'string' ||
          (a.type === 'lparen' && (sig[k + 2]?.type === 'variable' || sig[k + 2]?.type === 'string')) ||
          isText(a, 'immediate'))
      );
    case 'declare':
    case 'set':
      return a?.type === 'variable';
    case 'waitfor':
      return isText(a, 'delay', 'time');
    case 'shutdown':
      return a === undefined || a.type === 'semicolon';
    default:
      return a !== undefined && (a.type === 'word' || a.type === 'identifier' || a.type === 'variable');
  }
}

export function stackedQuery({ sig }: RuleInput): SqlToken | undefined {
  return findAt(sig, (cur, k) => {
    const next = sig[k + 1];
    return cur.type === 'semicolon' && next !== undefined && STATEMENTS.has(next.text) && next.type !== 'string' && statementShaped(sig, k + 1);
  });
}

export const DECLARED_TYPES: ReadonlySet<string> = new Set(['varchar', 'nvarchar', 'char', 'nchar', 'int', 'integer', 'bigint', 'sysname', 'text', 'ntext', 'varbinary', 'binary', 'bit', 'datetime']);

export function declareVariable({ sig }: RuleInput): SqlToken | undefined {
  // The variable is followed by its type (or nothing yet): "I declare @everyone welcome" is prose.
  const typed = (t: SqlToken | undefined): boolean => t === undefined || t.type === 'semicolon' || isText(t, 'as', 'table', 'cursor') || DECLARED_TYPES.has(t.text);
  return findAt(sig, (cur, k) => isText(cur, 'declare') && sig[k + 1]?.type === 'variable' && typed(sig[k + 2]));
}

/** SELECT … FROM, INTO OUTFILE, GROUP BY … HAVING, ORDER BY n after a quote break, CASE WHEN … THEN. */
export function querySkeleton(input: RuleInput): SqlToken | undefined {
  const { sig } = input;
  // Positions looked up once, so the scan stays linear however many SELECTs the value repeats.
  const firstSelect = firstIndex(sig, 'select');
  const firstGroup = firstIndex(sig, 'group');
  const lastFrom = lastIndex(sig, 'from');
  const lastThen = lastIndex(sig, 'then');
  return findAt(sig, (cur, k) => {
    const t = cur;
    if (isText(t, 'into') && isText(sig[k + 1], 'outfile', 'dumpfile')) {
      return true;
    }
    // A subquery used as a value: `and 1 in (select …)`, `=(select …)`, `,(select …)`.
    const before = sig[k - 2];
    if (isText(t, 'select') && sig[k - 1]?.type === 'lparen' && before !== undefined && (before.type === 'logic' || before.type === 'operator' || before.type === 'comma' || isComparison(before) || isText(before, 'in', 'exists', 'any', 'some', 'all')) && selectsSomething(sig, k + 1)) {
      return true;
    }
    const item = sig[k + 1];
    if (isText(t, 'select') && item !== undefined && selectsSomething(sig, k + 1)) {
      const plain = (item.type === 'word' || item.type === 'keyword') && (sig[k + 2] === undefined || isText(sig[k + 2], 'from'));
      const hasFrom = k + 1 < lastFrom;
      // "select committee, drop-down menu" is a list too: a column list needs a FROM or values after the comma.
      const listed = sig[k + 3];
      const columnList = sig[k + 2]?.type === 'comma' && (hasFrom || listed?.type === 'number' || listed?.type === 'function' || isText(listed, 'null'));
      return item.type === 'function' || item.type === 'variable' || item.type === 'number' || item.type === 'lparen' || (item.type === 'operator' && item.text === '*') || isText(item, 'null') || columnList || (hasFrom && !plain);
    }
    if (isText(t, 'having') && firstGroup < k) {
      return true;
    }
    const ordinalAfterValue = sig[k - 1]?.type === 'rparen' || sig[k - 1]?.type === 'number' || (sig[k - 1]?.type === 'string' && sig[k - 1]?.closed === true);
    if (isText(t, 'order', 'group') && isText(sig[k + 1], 'by') && sig[k + 2]?.type === 'number' && (breaksOut(input) || ordinalAfterValue || input.tokens.at(-1)?.type === 'comment')) {
      return true;
    }
    // `select id from users limit 1,1`, `… from t where id=1`: a FROM clause with SQL after its table.
    if (isText(t, 'from') && (sig[k + 1]?.type === 'word' || sig[k + 1]?.type === 'identifier') && (firstSelect < k || sig[k - 1]?.type === 'rparen')) {
      const clause = sig[k + 2];
      return (isText(clause, 'limit') && sig[k + 3]?.type === 'number') || (isText(clause, 'where') && isOperand(sig[k + 3]) && isComparison(sig[k + 4]));
    }
    if (isText(t, 'against') && sig[k + 1]?.type === 'lparen' && sig.slice(Math.max(0, k - 4), k).some((a) => isText(a, 'match'))) {
      return true;
    }
    if (isText(t, 'procedure') && isText(sig[k + 1], 'analyse')) {
      return true;
    }
    // `if(2=`, `if(now()=sysdate()`: SQL compares values; spreadsheets and code compare cells and variables.
    const condition = sig[k + 2];
    if (isText(t, 'if', 'iif') && t.type === 'function' && (condition?.type === 'number' || condition?.type === 'string' || condition?.type === 'function') && isComparison(sig[k + 3])) {
      return true;
    }
    if (isText(t, 'case') && (isText(sig[k + 1], 'when') || isText(sig[k + 2], 'when')) && k + 2 < lastThen) {
      return true;
    }
    if (isText(t, 'as') && (sig[k + 1]?.type === 'identifier' || sig[k + 1]?.type === 'string') && isText(sig[k + 2], 'from')) {
      return true;
    }
    return (isText(t, 'from') && isText(sig[k + 1], 'information_schema')) || (isText(t, 'alter', 'create') && isText(sig[k + 1], 'table', 'function', 'procedure'));
  });
}
