import { CommonException, CommonExceptionCode, decodeCursor, toPage, type Page } from '@app/common';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

const CURSOR_KEYS = ['at', 'id'] as const;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Newest first over `(timeColumn, id)`, the order every list of this module uses; `query` is already filtered.
 * The cursor holds the last row's position, so pages stay stable while rows are added.
 */
export async function keysetPage<Row extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<Row>,
  timeProperty: keyof Row & string,
  limit: number,
  cursor?: string,
): Promise<Page<Row>> {
  const alias = query.alias;
  query.orderBy(`${alias}.${timeProperty}`, 'DESC').addOrderBy(`${alias}.id`, 'DESC').take(limit + 1);
  if (cursor !== undefined) {
    const position = decodeCursor(cursor, CURSOR_KEYS);
    const at = new Date(position.at);
    if (Number.isNaN(at.getTime()) || typeof position.id !== 'string' || !UUID.test(position.id)) {
      throw new CommonException(CommonExceptionCode.INVALID_CURSOR, 'The cursor is malformed or expired; start again without one.');
    }
    query.andWhere(`(${alias}.${timeProperty}, ${alias}.id) < (:cursorAt, :cursorId)`, { cursorAt: at, cursorId: position.id });
  }
  const rows = await query.getMany();
  return toPage(rows, limit, (row) => ({ at: (row[timeProperty] as Date).toISOString(), id: row.id }));
}
