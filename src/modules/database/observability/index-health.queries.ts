import type { QueryRunner } from 'typeorm';

/** `QueryRunner.query` typed by the caller (TypeORM returns `any` rows for raw SQL). */
export async function queryRows<T>(runner: QueryRunner, sql: string, parameters?: unknown[]): Promise<T> {
  return (await runner.query(sql, parameters)) as T;
}

export interface UnusedIndex {
  table: string;
  index: string;
  bytes: number;
}

export interface DuplicateIndex {
  table: string;
  index: string;
  /** An index whose leading columns include all of this one's, which serves its queries too. */
  coveredBy: string;
  bytes: number;
}

export interface CacheHitRatios {
  /** Heap blocks found in shared buffers / all heap blocks read; null before any read. */
  tables: number | null;
  indexes: number | null;
}

const ratio = (hit: unknown, read: unknown): number | null => {
  const hits = Number(hit ?? 0);
  const total = hits + Number(read ?? 0);
  return total === 0 ? null : Math.round((hits / total) * 10_000) / 10_000;
};

/** Indexes never scanned since statistics were reset, that enforce nothing (not unique, not primary). */
export async function unusedIndexes(runner: QueryRunner): Promise<UnusedIndex[]> {
  const rows = await queryRows<{ table: string; index: string; bytes: string }[]>(runner, 
    `SELECT s.relname AS table, s.indexrelname AS index, pg_relation_size(s.indexrelid) AS bytes
       FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid
      WHERE s.idx_scan = 0 AND NOT i.indisunique AND NOT i.indisprimary
      ORDER BY pg_relation_size(s.indexrelid) DESC, s.indexrelname`,
  );
  return rows.map((row) => ({ table: row.table, index: row.index, bytes: Number(row.bytes) }));
}

/** Plain (non-unique, no predicate, no expression) indexes whose columns lead another index of the same kind. */
export async function duplicateIndexes(runner: QueryRunner): Promise<DuplicateIndex[]> {
  const rows = await queryRows<{ table: string; index: string; covered_by: string; bytes: string }[]>(runner, 
    `SELECT t.relname AS table, ia.relname AS index, ib.relname AS covered_by, pg_relation_size(a.indexrelid) AS bytes
       FROM pg_index a
       JOIN pg_index b ON b.indrelid = a.indrelid AND b.indexrelid <> a.indexrelid
       JOIN pg_class ia ON ia.oid = a.indexrelid
       JOIN pg_class ib ON ib.oid = b.indexrelid
       JOIN pg_class t ON t.oid = a.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND NOT a.indisunique AND a.indpred IS NULL AND a.indexprs IS NULL AND b.indpred IS NULL AND b.indexprs IS NULL
        AND ia.relam = ib.relam
        AND (b.indkey::text || ' ') LIKE (a.indkey::text || ' %')
        AND (a.indkey::text <> b.indkey::text OR a.indexrelid > b.indexrelid)
      ORDER BY t.relname, ia.relname`,
  );
  return rows.map((row) => ({ table: row.table, index: row.index, coveredBy: row.covered_by, bytes: Number(row.bytes) }));
}

export async function cacheHitRatios(runner: QueryRunner): Promise<CacheHitRatios> {
  const [tables] = await queryRows<{ hit: string; read: string }[]>(runner, 'SELECT sum(heap_blks_hit) AS hit, sum(heap_blks_read) AS read FROM pg_statio_user_tables');
  const [indexes] = await queryRows<{ hit: string; read: string }[]>(runner, 'SELECT sum(idx_blks_hit) AS hit, sum(idx_blks_read) AS read FROM pg_statio_user_indexes');
  return { tables: ratio(tables?.hit, tables?.read), indexes: ratio(indexes?.hit, indexes?.read) };
}
