import { CAST_TYPES, COMMON_SQL_FUNCTIONS, ERROR_FUNCTIONS, SQL_ONLY_FUNCTIONS, TIME_FUNCTIONS } from './sqli.lexicon.js';
import { findAt, isComparison, isText, isWordLike, type RuleInput } from './sqli.rule-kit.js';
import { skipParens } from './sqli.expression.js';
import { statementShaped } from './sqli.statement-rules.js';
import { namesSystemObject } from './sqli.system-objects.js';
import { type SqlToken } from './sqli.tokens.js';

export function numericArgument(sig: readonly SqlToken[], k: number): boolean {
  const a = sig[k + 2];
  return a !== undefined && a.type !== 'word' && a.type !== 'rparen';
}

export function timeBased({ sig }: RuleInput): SqlToken | undefined {
  return findAt(sig, (cur, k) => {
    const t = cur;
    if (t.type === 'function' && TIME_FUNCTIONS.has(t.text)) {
      if (sig[k + 2]?.type === 'word' && sig[k + 3]?.type === 'word') {
        // "drop the punycode benchmark (Rafael Gonzaga)": two bare words in a row are no argument list of SQL.
        return false;
      }
      const before = sig[k - 1];
      const inQuery = before !== undefined && (before.type === 'logic' || isText(before, 'select') || isComparison(before));
      // "sleep(8) hours a night": prose goes on with words after the call; an injection does not.
      const after = sig[skipParens(sig, k + 1)];
      return t.text !== 'sleep' || inQuery || ((numericArgument(sig, k) || sig[k + 2] === undefined) && after?.type !== 'word');
    }
    if (isText(t, 'waitfor') && isText(sig[k + 1], 'delay', 'time') && sig[k + 2]?.type === 'string') {
      return true;
    }
    return isText(t, 'select') && isText(sig[k + 1], 'pg_sleep', 'sleep', 'benchmark');
  });
}

export function errorBased({ sig }: RuleInput): SqlToken | undefined {
  return findAt(sig, (cur, k) => cur.type === 'function' && ERROR_FUNCTIONS.has(cur.text) && (cur.text !== 'exp' || sig[k + 2]?.text === '~'));
}

export function sqlOnlyFunction({ sig }: RuleInput): SqlToken | undefined {
  return findAt(sig, (cur) => cur.type === 'function' && SQL_ONLY_FUNCTIONS.has(cur.text));
}

export function systemObject({ sig }: RuleInput): SqlToken | undefined {
  return findAt(sig, (t) => (t.type === 'word' || t.type === 'identifier' || t.type === 'function') && namesSystemObject(t.text));
}

export const SYSTEM_VARIABLES: ReadonlySet<string> = new Set([
  '@@version', '@@datadir', '@@hostname', '@@basedir', '@@servername', '@@language', '@@spid', '@@identity', '@@rowcount',
  '@@tmpdir', '@@version_compile_os', '@@secure_file_priv', '@@plugin_dir', '@@innodb_version', '@@global.version',
  '@@servicename', '@@error', '@@microsoftversion',
]);

/** `@@version`, `@@datadir`: server variables read to fingerprint the database. `'--sp_password`: MSSQL hides the query from its log. */
export function serverProbe({ tokens }: RuleInput): SqlToken | undefined {
  return tokens.find((t) => (t.type === 'variable' && SYSTEM_VARIABLES.has(t.text)) || (t.type === 'comment' && t.text.toLowerCase().includes('sp_password')));
}

export function versionComment({ tokens }: RuleInput): SqlToken | undefined {
  return tokens.find((t, k) => t.version === true && (t.text.length > 3 || tokens[k + 1]?.type === 'keyword' || tokens[k + 1]?.type === 'function'));
}

/** CHAR(113)||CHAR(118), CHAR(65,66), CONCAT(0x..,..): strings built from codes to dodge quoting. */
export function charChain({ sig }: RuleInput): SqlToken | undefined {
  return findAt(sig, (cur, k) => {
    const t = cur;
    if (t.type !== 'function') {
      return false;
    }
    if (isText(t, 'char', 'chr', 'nchar')) {
      const codes = sig[k + 2]?.type === 'number' && (sig[k + 3]?.type === 'comma' || (sig[k + 3]?.type === 'rparen' && (sig[k + 4]?.text === '+' || sig[k + 4]?.text === '||' || isText(sig[k + 4], 'char', 'chr'))));
      return codes;
    }
    // `"".concat(name)` is JavaScript's string method; SQL calls CONCAT on nothing.
    return isText(t, 'concat', 'concat_ws') && sig[k - 1]?.text !== '.' && sig.slice(k + 2, k + 12).some((a) => a.type === 'number' && a.text.startsWith('0x') && a.text.length > 4 || a.type === 'function' || a.type === 'variable');
  });
}

/** [dbo].[users], select [name] from: MSSQL bracketed identifiers next to SQL. */
export function bracketedIdentifier({ sig }: RuleInput): SqlToken | undefined {
  return findAt(sig, (cur, k) => cur.type === 'identifier' && cur.text !== '' && (sig[k - 1]?.type === 'keyword' || sig[k + 1]?.type === 'keyword' || (sig[k + 1]?.type === 'operator' && sig[k + 1]?.text === '.')));
}

/** `::int`, `::jsonb`: a PostgreSQL cast. */
export function postgresCast({ sig, source }: RuleInput): SqlToken | undefined {
  return findAt(sig, (cur, k) => cur.type === 'operator' && cur.text === '::' && CAST_TYPES.has(sig[k + 1]?.text ?? '') && sig[k - 1] !== undefined && !namesPackage(source, sig, k));
}

/** First letter upper case, another lower case: how Perl, Ruby and C++ name packages (`BigInt`), never SQL's types. */
function isCapitalisedName(text: string): boolean {
  const first = text.charCodeAt(0);
  return first >= 0x41 && first <= 0x5a && text !== text.toUpperCase();
}

/**
 * `Math::BigInt`, `Pod::Text`, `IO::Socket::INET`: a package path in Perl, Ruby or C++, not a cast. The names join
 * the `::` with no space, and either both are capitalised words or the left one is itself a step of a path whose name
 * is no type (a cast chain reads `x::int::text`).
 */
function namesPackage(source: string, sig: readonly SqlToken[], k: number): boolean {
  const left = sig[k - 1];
  const right = sig[k + 1];
  if (left === undefined || right === undefined || !isWordLike(left) || source.slice(right.start - 2, right.start) !== '::') {
    return false;
  }
  const leftText = source.slice(left.start, left.start + left.text.length);
  if (left.start + left.text.length !== right.start - 2) {
    return false;
  }
  const rightText = source.slice(right.start, right.start + right.text.length);
  const chained = sig[k - 2]?.text === '::' && !CAST_TYPES.has(left.text);
  return chained || (isCapitalisedName(leftText) && isCapitalisedName(rightText));
}

/** `exec xp_cmdshell`, `exec master..`, `execute immediate '`, `exec (@q`: dynamic SQL and stored procedures. */
export function dynamicExec({ sig, source }: RuleInput): SqlToken | undefined {
  return findAt(sig, (cur, k) => isText(cur, 'exec', 'execute') && !isQuotedWord(source, cur) && !callsPython(sig, k) && statementShaped(sig, k));
}

/** `compile(src, name, "exec")`: the word is a string literal of code, which a quote context reads as a break-out. */
function isQuotedWord(source: string, token: SqlToken): boolean {
  const quote = source.charAt(token.start - 1);
  return (quote === '"' || quote === "'") && source.charAt(token.start + token.text.length) === quote;
}

/** Python's `exec(compile(…))`, `exec(open(f).read())`, `exec(f.read())`: T-SQL's EXEC( takes SQL functions, not methods. */
function callsPython(sig: readonly SqlToken[], k: number): boolean {
  const inner = sig[k + 2];
  return sig[k + 1]?.type === 'lparen' && inner?.type === 'function' && (inner.text.includes('.') || inner.text === 'compile' || inner.text === 'open');
}

export const INNER_SQL_CALLS: ReadonlySet<string> = new Set(['substring', 'substr', 'mid', 'version', 'user', 'database', 'current_user', 'system_user', 'session_user', 'concat', 'group_concat', 'length', 'ascii', 'schema', 'load_file', 'char_length']);

/** `ascii(substring(passwd,1,1))`, `length(version())`: a SQL function applied to a SQL function, blind extraction's shape. */
export function nestedSqlCall({ sig }: RuleInput): SqlToken | undefined {
  return findAt(sig, (cur, k) => {
    const inner = sig[k + 2];
    const outer = cur.type === 'function' && (COMMON_SQL_FUNCTIONS.has(cur.text) || SQL_ONLY_FUNCTIONS.has(cur.text) || INNER_SQL_CALLS.has(cur.text));
    return outer && inner?.type === 'function' && INNER_SQL_CALLS.has(inner.text);
  });
}

export function commonFunction({ sig }: RuleInput): SqlToken | undefined {
  return findAt(sig, (cur) => cur.type === 'function' && COMMON_SQL_FUNCTIONS.has(cur.text));
}

export function sqlKeywordPair({ sig }: RuleInput): SqlToken | undefined {
  return findAt(sig, (cur, k) => isText(cur, 'select', 'union', 'insert', 'delete', 'drop', 'from') && (sig[k + 1]?.type === 'keyword' || sig[k + 1]?.type === 'function' || sig[k + 1]?.type === 'identifier'));
}
