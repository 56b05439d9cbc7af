import { STATEMENTS } from './sqli.lexicon.js';
import { breaksOut, findAt, isComparison, isOperand, isText, isTextIn, isWordLike, type RuleInput, selectsSomething } from './sqli.rule-kit.js';
import { type SqlToken } from './sqli.tokens.js';
import { skipParens } from './sqli.expression.js';
import { copiesThroughServer } from './sqli.write-rules.js';

export function unionSelect({ sig }: RuleInput): SqlToken | undefined {
  return findAt(sig, (cur, k) => {
    if (!isText(cur, 'union')) {
      return false;
    }
    let j = k + 1;
    // `union+select`: a `+` left over from form encoding stands for a space.
    while (isText(sig[j], 'all', 'distinct', 'distinctrow') || sig[j]?.type === 'lparen' || (sig[j]?.type === 'operator' && sig[j]?.text === '+')) {
      j++;
    }
    // `union select '2`: the application's closing quote ends the string the value leaves open.
    const openString = sig[j + 1]?.type === 'string' && j + 2 === sig.length;
    return isText(sig[j], 'select') && (selectsSomething(sig, j + 1) || openString);
  });
}

const DDL_OBJECTS: ReadonlySet<string> = new Set(['table', 'database', 'schema', 'procedure', 'function', 'user', 'view', 'index', 'trigger', 'login']);
/** What may follow CREATE/DROP/ALTER besides the object type itself: `create or replace`, `create unique index`. */
const DDL_MODIFIERS: ReadonlySet<string> = new Set(['or', 'unique', 'temporary', 'temp', 'column', 'sequence', 'role', 'event', 'type', 'extension', 'tablespace', 'materialized', 'if', 'definer', 'algorithm']);
const PRIVILEGES: ReadonlySet<string> = new Set(['all', 'select', 'insert', 'update', 'delete', 'execute', 'usage', 'create', 'alter', 'drop', 'references', 'file', 'process', 'super', 'dba', 'connect', 'resource', 'sysadmin', 'control', 'impersonate']);

/** Pronouns and determiners: "; use it", "; drop them" are prose, not a database or table of that name. */
const PROSE_OBJECTS: ReadonlySet<string> = new Set(['it', 'its', 'me', 'us', 'you', 'him', 'her', 'them', 'this', 'that', 'these', 'those', 'everything', 'nothing', 'something', 'anything', 'one']);

/** A lone name ending the statement: `use master`, `;DROP members --`. */
function loneName(sig: readonly SqlToken[], k: number): boolean {
  const a = sig[k];
  return (a?.type === 'word' || a?.type === 'identifier') && !PROSE_OBJECTS.has(a.text) && endsAt(sig, k + 1);
}

/** The statement ends at `k`: nothing significant after it but a `;` (comments are not significant: `; use master--`). */
function endsAt(sig: readonly SqlToken[], k: number): boolean {
  const t = sig[k];
  return t === undefined || t.type === 'semicolon';
}

export function statementShaped(sig: readonly SqlToken[], k: number): boolean {
  const a = sig[k + 1];
  switch (sig[k]?.text) {
    case 'select':
      return selectsSomething(sig, k + 1);
    case 'insert':
    case 'replace':
      // `insert into t`, or MySQL/T-SQL `insert t values (…)` / `insert t(a, b)`: "; insert coin to continue" is prose.
      return isText(a, 'into') || a?.type === 'function' || (a?.type === 'word' && (isText(sig[k + 2], 'values', 'select', 'set') || sig[k + 2]?.type === 'lparen'));
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
      // An object type (`drop table`), or a lone name ending the statement (`;DROP members --`): "; drop the idea if
      // needed" goes on as prose.
      return isTextIn(a, DDL_OBJECTS) || isTextIn(a, DDL_MODIFIERS) || loneName(sig, k + 1);
    case 'truncate':
      return isTextIn(a, DDL_OBJECTS) || loneName(sig, k + 1);
    case 'grant':
    case 'revoke':
      return isTextIn(a, PRIVILEGES);
    case 'use':
      // `use master`: one database name and nothing more ("; use the stairs" goes on).
      return loneName(sig, k + 1);
    case 'prepare':
      return (a?.type === 'word' || a?.type === 'identifier') && isText(sig[k + 2], 'from');
    case 'begin':
      return isText(a, 'transaction', 'tran', 'work', 'declare', 'try') || endsAt(sig, k + 1);
    case 'with':
      // A common table expression: `with x as (select …)`, `with recursive x as (`.
      return isText(sig[k + 2], 'as') || (isText(a, 'recursive') && isText(sig[k + 3], 'as'));
    case 'exec':
    case 'execute':
      return (
        a !== undefined &&
        (/^(xp_|sp_|master\.|dbo\.)/.test(a.text) ||
          a.type === 'function' ||
          a.type === 'variable' ||
          a.type === 'string' ||
          (a.type === 'lparen' && (sig[k + 2]?.type === 'variable' || sig[k + 2]?.type === 'string' || sig[k + 2]?.type === 'function')) ||
          isText(a, 'immediate'))
      );
    case 'declare':
    case 'set':
      return a?.type === 'variable';
    case 'copy':
      return copiesThroughServer(sig, k);
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

/** Where the first SELECT and GROUP and the last FROM and THEN sit (Infinity or -1 when absent), in one pass. */
function clausePositions(sig: readonly SqlToken[]): { firstSelect: number; firstGroup: number; lastFrom: number; lastThen: number } {
  let firstSelect = Number.POSITIVE_INFINITY;
  let firstGroup = Number.POSITIVE_INFINITY;
  let lastFrom = -1;
  let lastThen = -1;
  for (let k = 0; k < sig.length; k++) {
    const t = sig[k];
    if (!isWordLike(t)) {
      continue;
    }
    if (t.text === 'select') {
      firstSelect = Math.min(firstSelect, k);
    } else if (t.text === 'group') {
      firstGroup = Math.min(firstGroup, k);
    } else if (t.text === 'from') {
      lastFrom = k;
    } else if (t.text === 'then') {
      lastThen = k;
    }
  }
  return { firstSelect, firstGroup, lastFrom, lastThen };
}

/** Every branch of `querySkeleton` starts at one of these words. */
const CLAUSE_WORDS: ReadonlySet<string> = new Set(['into', 'select', 'having', 'order', 'group', 'from', 'against', 'procedure', 'if', 'iif', 'case', 'as', 'alter', 'create']);

/** SELECT … FROM, INTO OUTFILE, GROUP BY … HAVING, ORDER BY n after a quote break, CASE WHEN … THEN. */
export function querySkeleton(input: RuleInput): SqlToken | undefined {
  const { sig } = input;
  // Positions looked up once, so the scan stays linear however many SELECTs the value repeats.
  const { firstSelect, firstGroup, lastFrom, lastThen } = clausePositions(sig);
  return findAt(sig, (cur, k) => {
    const t = cur;
    if (!isWordLike(t) || !CLAUSE_WORDS.has(t.text)) {
      return false;
    }
    if (isText(t, 'into') && isText(sig[k + 1], 'outfile', 'dumpfile')) {
      return true;
    }
    // `select 1 into @a`, `limit 1 into @`: the result stored in a session variable ("log into @me" has no query).
    if (isText(t, 'into') && sig[k + 1]?.type === 'variable' && sig[k - 1]?.type === 'number' && (firstSelect < k || isText(sig[k - 2], 'limit'))) {
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
    // A value opening with `having 1=1`: it was written to follow the application's GROUP BY.
    if (k === 0 && isText(t, 'having') && (sig[1]?.type === 'number' || sig[1]?.type === 'function' || sig[1]?.type === 'lparen') && isComparison(sig[2])) {
      return true;
    }
    // "group by category having at least two items": HAVING then a word of prose is not a condition.
    if (isText(t, 'having') && firstGroup < k && !(sig[k + 1]?.type === 'word' && sig[k + 2]?.type === 'word')) {
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
    // `case when`, `case x when`, `case sin(1) when`: the operand may be a call.
    const calledOperand = sig[k + 1]?.type === 'function' && !isText(sig[k + 1], 'when');
    const operandEnd = calledOperand ? skipParens(sig, k + 2) : k + 2;
    if (isText(t, 'case') && (isText(sig[k + 1], 'when') || isText(sig[operandEnd], 'when')) && Math.min(operandEnd, k + 2) < lastThen) {
      return true;
    }
    if (isText(t, 'as') && (sig[k + 1]?.type === 'identifier' || sig[k + 1]?.type === 'string') && isText(sig[k + 2], 'from')) {
      return true;
    }
    return (isText(t, 'from') && isText(sig[k + 1], 'information_schema')) || (isText(t, 'alter', 'create') && isText(sig[k + 1], 'table', 'function', 'procedure'));
  });
}
