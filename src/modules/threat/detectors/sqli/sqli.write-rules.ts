import { findAt, isComparison, isOperand, isText, type RuleInput } from './sqli.rule-kit.js';
import { skipParens } from './sqli.expression.js';
import { type SqlToken } from './sqli.tokens.js';

/** How far ahead a clause may sit: a column list and a table name, not a paragraph. */
const CLAUSE_REACH = 16;

const isName = (t: SqlToken | undefined): boolean => t?.type === 'word' || t?.type === 'identifier' || t?.type === 'function';

function laterWithin(sig: readonly SqlToken[], from: number, test: (t: SqlToken, k: number) => boolean): boolean {
  for (let k = from; k < sig.length && k < from + CLAUSE_REACH; k++) {
    const t = sig[k];
    if (t !== undefined && test(t, k)) {
      return true;
    }
  }
  return false;
}

/** `insert into t (a, b) values (`, `insert into t select`: rows written, with the clause that supplies them. */
function insertsRows(sig: readonly SqlToken[], k: number): boolean {
  return (
    isText(sig[k + 1], 'into') &&
    isName(sig[k + 2]) &&
    laterWithin(sig, k + 3, (t, j) => (isText(t, 'values') && (t.type === 'function' || sig[j + 1]?.type === 'lparen')) || (isText(t, 'select') && j === k + 3))
  );
}

/** `update t set c = 'x'`: a column assigned, which prose ("update your profile") does not write. */
const updatesColumn = (sig: readonly SqlToken[], k: number): boolean =>
  isName(sig[k + 1]) && isText(sig[k + 2], 'set') && isName(sig[k + 3]) && sig[k + 4]?.type === 'operator' && sig[k + 4]?.text === '=';

/** `delete from t where a = b`. */
const deletesWhere = (sig: readonly SqlToken[], k: number): boolean =>
  isText(sig[k + 1], 'from') && isName(sig[k + 2]) && isText(sig[k + 3], 'where') && isOperand(sig[k + 4]) && isComparison(sig[k + 5]);

/** `program 'cmd'` or a quoted path; "copy files to program folder" names no command. */
const serverTarget = (sig: readonly SqlToken[], k: number): boolean => sig[k]?.type === 'string' || (isText(sig[k], 'program') && sig[k + 1]?.type === 'string');

/** PostgreSQL `copy (select …) to program 'id'`, `copy t from '/etc/passwd'`: a shell command or a server file. */
export function copiesThroughServer(sig: readonly SqlToken[], k: number): boolean {
  const source = sig[k + 1];
  if (source?.type === 'lparen' && isText(sig[k + 2], 'select')) {
    return laterWithin(sig, k + 3, (t, j) => isText(t, 'to') && serverTarget(sig, j + 1));
  }
  // `copy t(c) to '/tmp/x'`: a column list may follow the table.
  const clause = isName(source) && sig[k + 2]?.type === 'lparen' ? skipParens(sig, k + 2) : k + 2;
  return isName(source) && isText(sig[clause], 'from', 'to') && serverTarget(sig, clause + 1);
}

/** MySQL `load data [local] infile '…' into table t`: a server or client file read into a table. */
const loadsFile = (sig: readonly SqlToken[], k: number): boolean =>
  isText(sig[k - 1], 'data', 'local') && sig[k + 1]?.type === 'string' && isText(sig[k + 2], 'into') && isText(sig[k + 3], 'table');

/**
 * `drop table if exists t` opening the value or a statement of its own: only SQL asks whether the object exists
 * before dropping it. Code that builds such a statement (`` return `DROP DATABASE IF EXISTS ${name}` ``) is not one.
 */
const dropsIfExists = (sig: readonly SqlToken[], k: number): boolean =>
  (k === 0 || sig[k - 1]?.type === 'semicolon') &&
  isText(sig[k + 1], 'table', 'database', 'view', 'function', 'procedure') &&
  isText(sig[k + 2], 'if') &&
  isText(sig[k + 3], 'exists');

/** SQL Server `backup database master to disk = '\\host\share\x.bak'`: the database written to a file or a share. */
const backsUpTo = (sig: readonly SqlToken[], k: number): boolean =>
  isText(sig[k + 1], 'database', 'log') &&
  isName(sig[k + 2]) &&
  isText(sig[k + 3], 'to') &&
  isText(sig[k + 4], 'disk', 'url', 'tape') &&
  sig[k + 5]?.type === 'operator' &&
  sig[k + 5]?.text === '=' &&
  sig[k + 6]?.type === 'string';

/** After `from dual` a query ends or goes on with SQL ("select from dual options" is prose). */
const endsClause = (t: SqlToken | undefined): boolean =>
  t === undefined || t.type === 'rparen' || t.type === 'semicolon' || isText(t, 'where', 'union', 'order', 'connect', 'limit');

/**
 * A complete statement that writes or reaches outside the database, anywhere in the value: INSERT … VALUES,
 * UPDATE … SET c =, DELETE FROM … WHERE, COPY … PROGRAM, SQLite `ATTACH DATABASE '…'`, Oracle `SELECT … FROM dual`,
 * MySQL `LOAD DATA INFILE '…' INTO TABLE`, `DROP TABLE IF EXISTS`, SQL Server `BACKUP DATABASE … TO DISK = '…'`.
 */
export function wholeStatement({ sig }: RuleInput): SqlToken | undefined {
  let selected = false;
  return findAt(sig, (cur, k) => {
    selected ||= isText(cur, 'select');
    // Only names spell these words: strings, numbers, variables and symbols never do.
    if (!isName(cur) && cur.type !== 'keyword') {
      return false;
    }
    switch (cur.text) {
      case 'insert':
        return insertsRows(sig, k);
      case 'update':
        return updatesColumn(sig, k);
      case 'delete':
        return deletesWhere(sig, k);
      case 'copy':
        return copiesThroughServer(sig, k);
      case 'infile':
        return loadsFile(sig, k);
      case 'drop':
        return dropsIfExists(sig, k);
      case 'attach':
        return isText(sig[k + 1], 'database') && sig[k + 2]?.type === 'string';
      case 'backup':
        return backsUpTo(sig, k);
      case 'from':
        return selected && isText(sig[k + 1], 'dual') && endsClause(sig[k + 2]);
      default:
        return false;
    }
  });
}
