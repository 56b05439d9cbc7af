import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

import { CommonException, CommonExceptionCode } from '../errors/common.exception.js';
import { decodeCursor } from './cursor.js';
import { toPage, type Page } from './page.js';

const CURSOR_KEYS = ['createdAt', 'id'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The common list: rows with a `createdAt` and a uuid `id`, newest first, keyset-paginated on (created_at, id) so a
 * page stays stable while rows are added. `query` selects from `alias` with any filters already applied.
 */
export async function newestFirstPage<Row extends ObjectLiteral & { createdAt: Date; id: string }>(
  query: SelectQueryBuilder<Row>,
  alias: string,
  limit: number,
  cursor: string | undefined,
): Promise<Page<Row>> {
  query.orderBy(`${alias}.createdAt`, 'DESC').addOrderBy(`${alias}.id`, 'DESC').take(limit + 1);
  if (cursor !== undefined) {
    const position = decodeCursor(cursor, CURSOR_KEYS);
    const createdAt = new Date(position.createdAt);
    if (Number.isNaN(createdAt.getTime()) || typeof position.id !== 'string' || !UUID.test(position.id)) {
      throw new CommonException(CommonExceptionCode.INVALID_CURSOR, 'The cursor is malformed or expired; start again without one.');
    }
    query.andWhere(`(${alias}.createdAt, ${alias}.id) < (:createdAt, :id)`, { createdAt, id: position.id });
  }
  return toPage(await query.getMany(), limit, (row) => ({ createdAt: row.createdAt.toISOString(), id: row.id }));
}
