import { createHash } from 'node:crypto';

const isDigit = (char: string | undefined): boolean => char !== undefined && char >= '0' && char <= '9';
const isWordChar = (char: string | undefined): boolean => char !== undefined && /[\w$]/.test(char);

/** Index just past the `'…'` string starting at `start` (`''` escapes a quote; E-strings also `\'`). */
function skipString(sql: string, start: number, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const char = sql[i];
    if (backslashEscapes && char === '\\') {
      i += 2;
    } else if (char === "'") {
      if (sql[i + 1] === "'") {
        i += 2;
      } else {
        return i + 1;
      }
    } else {
      i++;
    }
  }
  return i;
}

/** Index just past a `$tag$…$tag$` body starting at `start`, or -1 when `$` does not open one there. */
function skipDollarQuote(sql: string, start: number): number {
  const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(start, start + 64))?.[0];
  if (tag === undefined) {
    return -1;
  }
  const end = sql.indexOf(tag, start + tag.length);
  return end < 0 ? sql.length : end + tag.length;
}

/**
 * The shape of a statement, as pg_stat_statements would group it: literals, numbers and `$n` parameters become
 * `?`, lists of them one `?`, comments go, whitespace folds and unquoted words are lower-cased. Linear in the text;
 * what it returns carries no value a caller passed, so it can be logged and used as a key.
 */
export function normaliseSql(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const char = sql[i] as string;
    const next = sql[i + 1];
    if (char === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end;
      out += ' ';
    } else if (char === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
      out += ' ';
    } else if (char === "'") {
      const escapes = /[eE]$/.test(out) && !isWordChar(out.at(-2));
      if (escapes) {
        out = out.slice(0, -1);
      }
      i = skipString(sql, i, escapes);
      out += '?';
    } else if (char === '"') {
      const end = sql.indexOf('"', i + 1);
      const stop = end < 0 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop;
    } else if (char === '$' && isDigit(next)) {
      i++;
      while (isDigit(sql[i])) {
        i++;
      }
      out += '?';
    } else if (char === '$' && !isWordChar(out.at(-1)) && skipDollarQuote(sql, i) >= 0) {
      i = skipDollarQuote(sql, i);
      out += '?';
    } else if ((isDigit(char) || (char === '.' && isDigit(next))) && !isWordChar(out.at(-1))) {
      while (i < sql.length && (/[\d.]/.test(sql[i] as string) || ((sql[i] === 'e' || sql[i] === 'E') && /[\d+-]/.test(sql[i + 1] ?? '')) || ((sql[i] === '+' || sql[i] === '-') && /[eE]/.test(sql[i - 1] ?? '')))) {
        i++;
      }
      out += '?';
    } else if (/\s/.test(char)) {
      while (i < sql.length && /\s/.test(sql[i] as string)) {
        i++;
      }
      out += ' ';
    } else {
      out += char.toLowerCase();
      i++;
    }
  }
  return out
    .replace(/\?(?:\s*,\s*\?)+/g, '?')
    .replace(/\(\s*\?\s*\)(?:\s*,\s*\(\s*\?\s*\))+/g, '(?)')
    .replace(/ +/g, ' ')
    .replace(/\s*([(),;])\s*/g, '$1')
    .trim();
}

export interface SqlFingerprint {
  /** 16 hex characters of SHA-1 over the normalised text. */
  id: string;
  text: string;
}

export function fingerprintSql(sql: string): SqlFingerprint {
  const text = normaliseSql(sql);
  return { id: createHash('sha1').update(text).digest('hex').slice(0, 16), text };
}

const OPERATIONS: Readonly<Record<string, string>> = {
  select: 'select',
  with: 'select',
  insert: 'insert',
  update: 'update',
  delete: 'delete',
  begin: 'transaction',
  start: 'transaction',
  commit: 'transaction',
  rollback: 'transaction',
  savepoint: 'transaction',
  release: 'transaction',
  set: 'session',
  show: 'session',
  reset: 'session',
  create: 'ddl',
  alter: 'ddl',
  drop: 'ddl',
  truncate: 'ddl',
};

/** An app runs the same few hundred statements over and over: their kinds are remembered (bounded). */
const operationOf = new Map<string, string>();
const REMEMBERED_STATEMENTS = 2_000;

/** The metric label of a statement: its kind from the first keyword (bounded set), never the SQL itself. */
export function sqlOperation(sql: string): string {
  const known = operationOf.get(sql);
  if (known !== undefined) {
    return known;
  }
  const keyword = /^\s*(?:\/\*[\s\S]*?\*\/\s*|--[^\n]*\n\s*)*([A-Za-z]+)/.exec(sql.slice(0, 512))?.[1]?.toLowerCase();
  const operation = (keyword !== undefined && OPERATIONS[keyword]) || 'other';
  if (operationOf.size >= REMEMBERED_STATEMENTS) {
    operationOf.clear();
  }
  operationOf.set(sql, operation);
  return operation;
}
