import { encodeCursor } from './cursor.js';

/** The one list response shape: `{ items, nextCursor }`, `nextCursor` null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Builds a page from rows fetched with `limit + 1` (keyset pagination): the extra row only says another page
 * exists, and the cursor points at the last returned row.
 */
export function toPage<Row, Item = Row>(
  rows: Row[],
  limit: number,
  positionOf: (row: Row) => Record<string, string | number>,
  map: (row: Row) => Item = (row) => row as unknown as Item,
): Page<Item> {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  const hasMore = rows.length > limit && last !== undefined;
  return { items: pageRows.map(map), nextCursor: hasMore ? encodeCursor(positionOf(last)) : null };
}
