import { CommonException, CommonExceptionCode } from '../errors/common.exception.js';

/** Opaque cursors: base64url JSON of the last row's sort key. Clients treat them as strings. */
export function encodeCursor(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor}, checking it holds exactly `keys`; a forged one is a 400. */
export function decodeCursor<K extends string>(cursor: string, keys: readonly K[]): Record<K, string | number> {
  const invalid = (): CommonException =>
    new CommonException(CommonExceptionCode.INVALID_CURSOR, 'The cursor is malformed or expired; start again without one.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalid();
  }
  const record = parsed as Record<string, unknown>;
  const valid =
    Object.keys(record).length === keys.length &&
    keys.every((key) => typeof record[key] === 'string' || typeof record[key] === 'number');
  if (!valid) {
    throw invalid();
  }
  return record as Record<K, string | number>;
}
