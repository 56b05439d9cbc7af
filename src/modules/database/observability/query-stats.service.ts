import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type QueryStatsSort = 'total' | 'mean' | 'calls';

export interface QueryStat {
  queryId: string;
  /** As pg_stat_statements stores it: constants replaced by `$n`. */
  query: string;
  calls: number;
  totalMs: number;
  meanMs: number;
  rows: number;
  /** Shared buffer hits / (hits + reads); null when the statement read no blocks. */
  cacheHitRatio: number | null;
}

export type QueryStatsResult =
  | { available: true; items: QueryStat[]; hasMore: boolean }
  | { available: false; reason: string; howToEnable: string[] };

const ORDER: Record<QueryStatsSort, string> = { total: 'total_exec_time', mean: 'mean_exec_time', calls: 'calls' };

const HOW_TO_ENABLE = [
  "Add pg_stat_statements to shared_preload_libraries in postgresql.conf (ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements')",
  'Restart PostgreSQL',
  'Run CREATE EXTENSION IF NOT EXISTS pg_stat_statements in this database (as a superuser or a role with CREATE on it)',
  'On managed services (RDS, Cloud SQL, Azure) it is a parameter-group or flag setting, then the same CREATE EXTENSION',
];

interface Row {
  queryid: string;
  query: string;
  calls: string;
  total_exec_time: number;
  mean_exec_time: number;
  rows: string;
  shared_blks_hit: string;
  shared_blks_read: string;
}

/** The database's own statement statistics (pg_stat_statements), this database only, when the extension is there. */
@Injectable()
export class QueryStatsService {
  constructor(private readonly dataSource: DataSource) {}

  async top(sort: QueryStatsSort, limit: number, offset: number): Promise<QueryStatsResult> {
    let rows: Row[];
    try {
      rows = await this.dataSource.query<Row[]>(
        `SELECT queryid::text AS queryid, query, calls, total_exec_time, mean_exec_time, rows, shared_blks_hit, shared_blks_read
           FROM pg_stat_statements
          WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          ORDER BY ${ORDER[sort]} DESC, queryid
          LIMIT $1 OFFSET $2`,
        [limit + 1, offset],
      );
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      // 42P01: the extension is not created in this database; 55000: the library is not preloaded.
      if (code === '42P01' || code === '55000') {
        return { available: false, reason: code === '42P01' ? 'the pg_stat_statements extension is not created in this database' : 'pg_stat_statements is not in shared_preload_libraries', howToEnable: HOW_TO_ENABLE };
      }
      throw error;
    }
    return { available: true, items: rows.slice(0, limit).map(toStat), hasMore: rows.length > limit };
  }
}

function toStat(row: Row): QueryStat {
  const hit = Number(row.shared_blks_hit);
  const read = Number(row.shared_blks_read);
  return {
    queryId: row.queryid,
    query: row.query,
    calls: Number(row.calls),
    totalMs: Math.round(row.total_exec_time * 1000) / 1000,
    meanMs: Math.round(row.mean_exec_time * 1000) / 1000,
    rows: Number(row.rows),
    cacheHitRatio: hit + read === 0 ? null : Math.round((hit / (hit + read)) * 10_000) / 10_000,
  };
}
