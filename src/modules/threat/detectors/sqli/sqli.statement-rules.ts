import { STATEMENTS } from './sqli.lexicon.js';
import { findAt, isComparison, isOperand, isText, isTextIn, type RuleInput, selectsSomething } from './sqli.rule-kit.js';
import { type SqlToken } from './sqli.tokens.js';
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
const PROSE_OBJECTS: ReadonlySet<string> = new Set(
  `it its me us you him her them this that these those everything nothing something anything one myself yourself
  himself herself itself ourselves yourselves themselves`.split(/\s+/),
);

/** What MySQL's SHOW lists: `; show tables`, `; show grants`; "; show guests in" goes on as prose. */
const SHOW_OBJECTS: ReadonlySet<string> = new Set(['tables', 'databases', 'schemas', 'grants', 'variables', 'processlist', 'columns', 'status', 'triggers', 'privileges', 'engines', 'plugins']);

/** `show tables`, `show full processlist`, `show columns from users`, `show create table users`. */
function showsSchema(sig: readonly SqlToken[], k: number): boolean {
  const a = sig[k + 1];
  if (isText(a, 'full')) {
    return isTextIn(sig[k + 2], SHOW_OBJECTS);
  }
  if (isText(a, 'create')) {
    return isText(sig[k + 2], 'table', 'database', 'user', 'procedure', 'view', 'function');
  }
  return isTextIn(a, SHOW_OBJECTS) && (endsAt(sig, k + 2) || isText(sig[k + 2], 'from', 'in', 'like', 'where'));
}

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

/**
 * Perl's pragmas, which every Perl file opens with (`use strict;\nuse warnings;`), and its core modules named in one
 * word (`use Carp;`, `use POSIX;`): no database is named so.
 */
const PERL_MODULES: ReadonlySet<string> = new Set(
  `strict warnings utf8 vars overload lib constant base parent integer feature autodie diagnostics bytes subs locale
  bigint bignum carp cwd config exporter socket fcntl posix xsloader dynaloader symbol benchmark english errno findbin
  storable encode selectsaver`.split(/\s+/),
);

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
    case 'desc':
    case 'describe':
      // `; desc users`: one table and nothing more; "; describe yourself" is prose.
      return loneName(sig, k + 1);
    case 'show':
      return showsSchema(sig, k);
    case 'use':
      // `use master`: one database name and nothing more ("; use the stairs" goes on); `use strict;` is Perl.
      return loneName(sig, k + 1) && !PERL_MODULES.has(a?.text ?? '');
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
