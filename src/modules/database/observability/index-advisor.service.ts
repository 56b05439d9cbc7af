import { Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';

import { cacheHitRatios, duplicateIndexes, queryRows, unusedIndexes, type CacheHitRatios, type DuplicateIndex, type UnusedIndex } from './index-health.queries.js';
import { filteredSeqScans, type FilteredSeqScan } from './plan-scans.util.js';
import { QueryStatsService } from './query-stats.service.js';

/** Dexter's rule: recommend an index only when it at least halves the estimated cost. */
export const MIN_COST_REDUCTION = 0.5;
/** A scan returning more than this share of its table is not selective: an index would not pay. */
const MAX_SELECTIVITY = 0.2;
const TOP_QUERIES = 20;

export interface IndexRecommendation {
  table: string;
  columns: string[];
  /** What to run (never run here). */
  statement: string;
  costBefore: number;
  costAfter: number;
  /** 1 − after / before. */
  costReduction: number;
  queries: string[];
}

export interface IndexCandidate {
  table: string;
  columns: string[];
  statement: string;
  cost: number;
  queries: string[];
  why: string;
}

export interface IndexAdvice {
  /** Whether hypothetical indexes could test the candidates (HypoPG installed in this database). */
  hypopg: boolean;
  source: 'pg_stat_statements' | 'request' | 'none';
  analyzed: number;
  recommendations: IndexRecommendation[];
  /** Selective sequential scans HypoPG could not verify (not installed) or that no single index halves. */
  candidates: IndexCandidate[];
  skipped: { query: string; reason: string }[];
  unusedIndexes: UnusedIndex[];
  duplicateIndexes: DuplicateIndex[];
  cacheHitRatios: CacheHitRatios;
  notes: string[];
}

interface Plan {
  Plan: Parameters<typeof filteredSeqScans>[0] & { 'Total Cost'?: number };
}

const EXPLAINABLE = /^\s*(select|with|update|delete)\b/i;
/** One statement only: a `;` before the end would let a second statement ride along. */
const SINGLE_STATEMENT = /^[^;]*;?\s*$/;
const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;

/** Highest `$n` in a statement: how many parameters its generic plan takes. */
function parameterCount(sql: string): number {
  let max = 0;
  for (const match of sql.matchAll(/\$(\d+)/g)) {
    max = Math.max(max, Number(match[1]));
  }
  return max;
}

/**
 * Index advice in the manner of Dexter, from inside the app: generic EXPLAIN plans (never ANALYZE: nothing runs)
 * of the top statements, selective sequential scans as candidates, hypothetical indexes (HypoPG) to check that a
 * candidate at least halves the estimated cost; plus unused and duplicate indexes and cache hit ratios. It never
 * creates an index.
 */
@Injectable()
export class IndexAdvisor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queryStats: QueryStatsService,
  ) {}

  /** Advice for the top statements by total time in pg_stat_statements (or just the index health without it). */
  async adviseTop(): Promise<IndexAdvice> {
    const top = await this.queryStats.top('total', TOP_QUERIES, 0);
    if (!top.available) {
      const advice = await this.advise([], 'none');
      advice.notes.push(`No statements to analyse: ${top.reason}. Enable it (see /v1/db/query-stats) or POST the statements to /v1/db/index-advice.`);
      return advice;
    }
    return this.advise(
      top.items.map((item) => item.query),
      'pg_stat_statements',
    );
  }

  async advise(queries: readonly string[], source: IndexAdvice['source'] = 'request'): Promise<IndexAdvice> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const hypopg = await this.hasHypopg(runner);
      // Read only and time-bounded: whatever a statement says, nothing it names can be changed or run for long.
      await runner.query('BEGIN READ ONLY');
      await runner.query("SET LOCAL plan_cache_mode = 'force_generic_plan'");
      await runner.query("SET LOCAL statement_timeout = '5s'");
      const scans = new Map<string, { scan: FilteredSeqScan; queries: string[]; cost: number }>();
      const skipped: IndexAdvice['skipped'] = [];
      let analyzed = 0;
      for (const query of queries) {
        if (!EXPLAINABLE.test(query) || !SINGLE_STATEMENT.test(query)) {
          skipped.push({ query, reason: 'only single SELECT, UPDATE and DELETE statements are explained' });
          continue;
        }
        const plan = await this.explain(runner, query).catch((error: unknown) => {
          skipped.push({ query, reason: `cannot be explained: ${error instanceof Error ? error.message : String(error)}` });
          return null;
        });
        if (plan === null) {
          continue;
        }
        analyzed += 1;
        for (const scan of filteredSeqScans(plan.Plan)) {
          if (!(await this.isSelective(runner, scan))) {
            continue;
          }
          const key = `${scan.table}(${scan.columns.join(',')})`;
          const entry = scans.get(key) ?? { scan, queries: [], cost: 0 };
          entry.queries.push(query);
          entry.cost = Math.max(entry.cost, plan.Plan['Total Cost'] ?? 0);
          scans.set(key, entry);
        }
      }
      const recommendations: IndexRecommendation[] = [];
      const candidates: IndexCandidate[] = [];
      for (const { scan, queries: using } of scans.values()) {
        const statement = `CREATE INDEX CONCURRENTLY ON ${quote(scan.table)} (${this.candidateColumns(scan).map(quote).join(', ')})`;
        if (!hypopg) {
          candidates.push({ table: scan.table, columns: this.candidateColumns(scan), statement, cost: scan.cost, queries: using, why: 'selective sequential scan; HypoPG is not installed, so the gain is not verified' });
          continue;
        }
        const verified = await this.tryHypothetical(runner, scan, using);
        if (verified !== null && verified.costReduction >= MIN_COST_REDUCTION) {
          recommendations.push({ table: scan.table, columns: verified.columns, statement: verified.statement, costBefore: verified.costBefore, costAfter: verified.costAfter, costReduction: verified.costReduction, queries: using });
        } else {
          candidates.push({ table: scan.table, columns: this.candidateColumns(scan), statement, cost: scan.cost, queries: using, why: `a hypothetical index cuts the estimated cost by less than ${MIN_COST_REDUCTION * 100}%` });
        }
      }
      return {
        hypopg,
        source,
        analyzed,
        recommendations: recommendations.sort((a, b) => b.costBefore - b.costAfter - (a.costBefore - a.costAfter)),
        candidates,
        skipped,
        unusedIndexes: await unusedIndexes(runner),
        duplicateIndexes: await duplicateIndexes(runner),
        cacheHitRatios: await cacheHitRatios(runner),
        notes: hypopg ? [] : ['Install HypoPG (Debian: postgresql-<version>-hypopg) and CREATE EXTENSION hypopg to verify candidates with hypothetical indexes.'],
      };
    } finally {
      // Hypothetical indexes live in the session, not the transaction: drop them while still on this server
      // connection (behind PgBouncer in transaction mode, the next statement may get another).
      const reset = (): Promise<unknown> => runner.query('SELECT hypopg_reset() FROM pg_extension WHERE extname = $1', ['hypopg']).catch(() => undefined);
      await reset();
      await runner.query('ROLLBACK').catch(() => undefined);
      // Again outside the transaction, in case an error had aborted it before the first reset.
      await reset();
      await runner.release();
    }
  }

  private async hasHypopg(runner: QueryRunner): Promise<boolean> {
    const found = await queryRows<unknown[]>(runner, "SELECT 1 FROM pg_extension WHERE extname = 'hypopg'");
    return found.length > 0;
  }

  /** `genericPlan` in a savepoint, so a statement that fails to plan leaves the transaction usable. */
  private async explain(runner: QueryRunner, sql: string): Promise<Plan> {
    await runner.query('SAVEPOINT bulwark_advice');
    try {
      const plan = await this.genericPlan(runner, sql);
      await runner.query('RELEASE SAVEPOINT bulwark_advice');
      return plan;
    } catch (error) {
      await runner.query('ROLLBACK TO SAVEPOINT bulwark_advice');
      await runner.query('DEALLOCATE ALL');
      throw error;
    }
  }

  /** The generic plan (parameters unknown), so statements from pg_stat_statements with `$n` can be planned. */
  private async genericPlan(runner: QueryRunner, sql: string): Promise<Plan> {
    const count = parameterCount(sql);
    if (count === 0) {
      const [row] = await queryRows<{ 'QUERY PLAN': Plan[] }[]>(runner, `EXPLAIN (FORMAT JSON) ${sql}`);
      return row!['QUERY PLAN'][0]!;
    }
    await runner.query(`PREPARE bulwark_advice AS ${sql}`);
    const [row] = await queryRows<{ 'QUERY PLAN': Plan[] }[]>(runner, `EXPLAIN (FORMAT JSON) EXECUTE bulwark_advice(${Array.from({ length: count }, () => 'NULL').join(', ')})`);
    await runner.query('DEALLOCATE bulwark_advice');
    return row!['QUERY PLAN'][0]!;
  }

  private async isSelective(runner: QueryRunner, scan: FilteredSeqScan): Promise<boolean> {
    const [row] = await queryRows<{ reltuples: number }[]>(runner, 'SELECT reltuples FROM pg_class WHERE relname = $1 ORDER BY oid LIMIT 1', [scan.table]);
    const total = Number(row?.reltuples ?? -1);
    return total <= 0 || scan.rows / total <= MAX_SELECTIVITY;
  }

  /** Equality columns first (they lead a B-tree best), then the rest. */
  private candidateColumns(scan: FilteredSeqScan): string[] {
    return [...scan.equalityColumns, ...scan.columns.filter((column) => !scan.equalityColumns.includes(column))];
  }

  /** The best of the candidate index and a single-column one on its leading column, by the queries' total cost. */
  private async tryHypothetical(runner: QueryRunner, scan: FilteredSeqScan, queries: string[]): Promise<Omit<IndexRecommendation, 'table' | 'queries'> | null> {
    const before = await this.totalCost(runner, queries);
    const options = [this.candidateColumns(scan)];
    if (options[0]!.length > 1) {
      options.push([options[0]![0]!]);
    }
    let best: Omit<IndexRecommendation, 'table' | 'queries'> | null = null;
    for (const columns of options) {
      const definition = `CREATE INDEX ON ${quote(scan.table)} (${columns.map(quote).join(', ')})`;
      await runner.query('SELECT * FROM hypopg_create_index($1)', [definition]);
      const after = await this.totalCost(runner, queries).finally(() => runner.query('SELECT hypopg_reset()'));
      const reduction = before === 0 ? 0 : 1 - after / before;
      if (best === null || reduction > best.costReduction + 0.05) {
        best = { columns, statement: definition.replace('CREATE INDEX ON', 'CREATE INDEX CONCURRENTLY ON'), costBefore: round(before), costAfter: round(after), costReduction: round(reduction) };
      }
    }
    return best;
  }

  private async totalCost(runner: QueryRunner, queries: string[]): Promise<number> {
    let total = 0;
    for (const query of queries) {
      total += (await this.explain(runner, query)).Plan['Total Cost'] ?? 0;
    }
    return total;
  }
}

const round = (value: number): number => Math.round(value * 1000) / 1000;
