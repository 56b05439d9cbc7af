import { breaksOut, findAt, isComparison, isLiteral, isOperand, isText, isWordLike, type RuleInput, selectsSomething } from './sqli.rule-kit.js';
import { skipParens } from './sqli.expression.js';
import { type SqlToken } from './sqli.tokens.js';

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

type ClausePositions = ReturnType<typeof clausePositions>;

/** `select 1 into @a`, `limit 1 into @`: the result stored in a session variable ("log into @me" has no query). */
function intoClause(sig: readonly SqlToken[], k: number, { firstSelect }: ClausePositions): boolean {
  return isText(sig[k + 1], 'outfile', 'dumpfile') || (sig[k + 1]?.type === 'variable' && sig[k - 1]?.type === 'number' && (firstSelect < k || isText(sig[k - 2], 'limit')));
}

/** SQL functions called without parentheses (`select current_user`): no prose spells them with an underscore. */
const NILADIC_FUNCTIONS: ReadonlySet<string> = new Set(['current_user', 'session_user', 'system_user', 'current_role', 'current_schema', 'current_catalog']);

function selectClause(sig: readonly SqlToken[], k: number, { lastFrom }: ClausePositions): boolean {
  // A subquery used as a value: `and 1 in (select …)`, `=(select …)`, `,(select …)`.
  const before = sig[k - 2];
  if (sig[k - 1]?.type === 'lparen' && before !== undefined && (before.type === 'logic' || before.type === 'operator' || before.type === 'comma' || isComparison(before) || isText(before, 'in', 'exists', 'any', 'some', 'all')) && selectsSomething(sig, k + 1)) {
    return true;
  }
  const item = sig[k + 1];
  if (item !== undefined && NILADIC_FUNCTIONS.has(item.text)) {
    return true;
  }
  // `how+to+select+from+table` (a search in a Referer): `+` before a word is a form-encoded space, and the engine also
  // reads the decoded form, where the same words are judged as prose or SQL. A unary plus on a word selects nothing.
  if (item?.type === 'operator' && item.text === '+' && (sig[k + 2]?.type === 'word' || sig[k + 2]?.type === 'keyword')) {
    return false;
  }
  // `await select()`, `select({ message })`: a call with nothing or an object literal in it is code; SQL's SELECT (
  // needs an expression.
  if (item === undefined || !selectsSomething(sig, k + 1) || (item.type === 'lparen' && (sig[k + 2]?.type === 'rparen' || sig[k + 2]?.text === '{'))) {
    return false;
  }
  const plain = (item.type === 'word' || item.type === 'keyword') && (sig[k + 2] === undefined || isText(sig[k + 2], 'from'));
  const hasFrom = k + 1 < lastFrom;
  // "select committee, drop-down menu" is a list too: a column list needs a FROM or values after the comma.
  const listed = sig[k + 3];
  const columnList = sig[k + 2]?.type === 'comma' && (hasFrom || listed?.type === 'number' || listed?.type === 'function' || isText(listed, 'null'));
  return item.type === 'function' || item.type === 'variable' || item.type === 'number' || item.type === 'lparen' || (item.type === 'operator' && item.text === '*') || isText(item, 'null') || columnList || (hasFrom && (!plain || whereComparison(sig, lastFrom)));
}

/**
 * `select message from data where row = 1`: a WHERE right after the table, comparing a column with a literal.
 * "select a gift from the list where you like" compares nothing.
 */
function whereComparison(sig: readonly SqlToken[], from: number): boolean {
  const where = isText(sig[from + 2], 'where') ? from + 2 : -1;
  return where > 0 && sig[where + 1]?.type === 'word' && isComparison(sig[where + 2]) && isLiteral(sig[where + 3]);
}

function havingClause(sig: readonly SqlToken[], k: number, { firstGroup }: ClausePositions): boolean {
  // A value opening with `having 1=1`: it was written to follow the application's GROUP BY.
  if (k === 0 && (sig[1]?.type === 'number' || sig[1]?.type === 'function' || sig[1]?.type === 'lparen') && isComparison(sig[2])) {
    return true;
  }
  // `1') HAVING 8202=8202 -- -` (sqlmap): HAVING comparing two numbers is a condition wherever it sits.
  if (sig[k + 1]?.type === 'number' && isComparison(sig[k + 2]) && sig[k + 3]?.type === 'number') {
    return true;
  }
  // "group by category having at least two items": HAVING then a word of prose is not a condition.
  return firstGroup < k && !(sig[k + 1]?.type === 'word' && sig[k + 2]?.type === 'word');
}

function orderedByOrdinal(input: RuleInput, k: number): boolean {
  const { sig } = input;
  const ordinalAfterValue = sig[k - 1]?.type === 'rparen' || sig[k - 1]?.type === 'number' || (sig[k - 1]?.type === 'string' && sig[k - 1]?.closed === true);
  return isText(sig[k + 1], 'by') && sig[k + 2]?.type === 'number' && (breaksOut(input) || ordinalAfterValue || input.tokens.at(-1)?.type === 'comment' || onlyOrdinals(input, k));
}

/** ` ORDER BY 3 `, `group by 1,2`: the whole value is the clause, written to be appended to a query (column counting). */
function onlyOrdinals({ sig, context }: RuleInput, k: number): boolean {
  const list = sig.slice(k + 2);
  return k === 0 && context === '' && list.length % 2 === 1 && list.every((t, i) => (i % 2 === 0 ? t.type === 'number' : t.type === 'comma'));
}

/** `select id from users limit 1,1`, `… from t where id=1`: a FROM clause with SQL after its table. */
function fromClause(sig: readonly SqlToken[], k: number, { firstSelect }: ClausePositions): boolean {
  if ((sig[k + 1]?.type === 'word' || sig[k + 1]?.type === 'identifier') && (firstSelect < k || sig[k - 1]?.type === 'rparen')) {
    const clause = sig[k + 2];
    return (isText(clause, 'limit') && sig[k + 3]?.type === 'number') || (isText(clause, 'where') && isOperand(sig[k + 3]) && isComparison(sig[k + 4]));
  }
  return isText(sig[k + 1], 'information_schema');
}

/** `case when`, `case x when`, `case sin(1) when`: the operand may be a call. */
function caseClause(sig: readonly SqlToken[], k: number, { lastThen }: ClausePositions): boolean {
  const calledOperand = sig[k + 1]?.type === 'function' && !isText(sig[k + 1], 'when');
  const operandEnd = calledOperand ? skipParens(sig, k + 2) : k + 2;
  return (isText(sig[k + 1], 'when') || isText(sig[operandEnd], 'when')) && Math.min(operandEnd, k + 2) < lastThen;
}

/** Whether the clause word at `k` starts a query skeleton; one branch per word, so other words cost no test. */
function clauseAt(input: RuleInput, t: SqlToken, k: number, positions: ClausePositions): boolean {
  const { sig } = input;
  switch (t.text) {
    case 'into':
      return intoClause(sig, k, positions);
    case 'select':
      // `' (select top 1`: a subquery opened right after the quote break.
      return selectClause(sig, k, positions) || (k === 2 && sig[1]?.type === 'lparen' && breaksOut(input) && selectsSomething(sig, k + 1) && sig[k + 1] !== undefined);
    case 'having':
      return havingClause(sig, k, positions);
    case 'order':
    case 'group':
      return orderedByOrdinal(input, k);
    case 'from':
      return fromClause(sig, k, positions);
    case 'against':
      return sig[k + 1]?.type === 'lparen' && sig.slice(Math.max(0, k - 4), k).some((a) => isText(a, 'match'));
    case 'procedure':
      return isText(sig[k + 1], 'analyse');
    case 'if':
    case 'iif': {
      // `if(2=`, `if(now()=sysdate()`: SQL compares values; spreadsheets and code compare cells and variables. SQL's
      // IN takes a parenthesised list; JavaScript's `if ("value" in options)` asks for a property.
      const condition = sig[k + 2];
      const comparison = sig[k + 3];
      const propertyTest = isText(comparison, 'in') && comparison?.type !== 'function';
      return t.type === 'function' && (condition?.type === 'number' || condition?.type === 'string' || condition?.type === 'function') && isComparison(comparison) && !propertyTest;
    }
    case 'case':
      return caseClause(sig, k, positions);
    case 'as':
      return (sig[k + 1]?.type === 'identifier' || sig[k + 1]?.type === 'string') && isText(sig[k + 2], 'from');
    case 'alter':
    case 'create':
      // `create user x identified by …`: an account with a password, as Oracle and MySQL spell it.
      return isText(sig[k + 1], 'table', 'function', 'procedure') || (isText(sig[k + 1], 'user') && isText(sig[k + 3], 'identified') && isText(sig[k + 4], 'by'));
    default:
      return false;
  }
}

/** SELECT … FROM, INTO OUTFILE, GROUP BY … HAVING, ORDER BY n after a quote break, CASE WHEN … THEN. */
export function querySkeleton(input: RuleInput): SqlToken | undefined {
  const { sig } = input;
  // Positions looked up once, so the scan stays linear however many SELECTs the value repeats.
  const positions = clausePositions(sig);
  return findAt(sig, (t, k) => isWordLike(t) && CLAUSE_WORDS.has(t.text) && clauseAt(input, t, k, positions));
}
