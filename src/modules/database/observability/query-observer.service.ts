import { MetricsRegistry } from '@app/common';
import { AppConfig } from '@app/config';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { Counter, Histogram } from 'prom-client';
import { DataSource } from 'typeorm';

import { driverPools } from '../driver-pools.js';
import { instrumentClient } from './instrument-client.js';
import { SlowQueryLog, type SlowQueryStats } from './slow-query-log.js';
import { fingerprintSql, sqlOperation } from './sql-fingerprint.util.js';

/** `23505` → `23` (integrity constraint violation); errors without a SQLSTATE (connection, timeout) → `none`. */
function sqlstateClass(error: unknown): string {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code.slice(0, 2) : 'none';
}

/**
 * Every query through the pool: duration by operation, errors by SQLSTATE class, and slow ones (over
 * DATABASE_SLOW_QUERY_MS) logged by fingerprint (sampled) and aggregated for /v1/db/slow-queries. Never SQL values,
 * never raw SQL as a label.
 */
@Injectable()
export class QueryObserver implements OnModuleInit {
  private readonly logger = new Logger('SlowQuery');
  private readonly duration: Histogram<'operation'>;
  private readonly durations = new Map<string, { observe(seconds: number): void }>();
  private readonly errors: Counter<'sqlstate_class'>;
  readonly slowQueries = new SlowQueryLog();

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    registry: MetricsRegistry,
  ) {
    this.duration = new Histogram({
      name: 'bulwark_db_query_duration_seconds',
      help: 'PostgreSQL query duration by operation (select, insert, update, delete, transaction, session, ddl, other).',
      labelNames: ['operation'],
      buckets: [0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers: [registry],
    });
    this.errors = new Counter({
      name: 'bulwark_db_query_errors_total',
      help: 'Failed PostgreSQL queries by SQLSTATE class (23 integrity, 40 rollback, 57 operator intervention, 08 connection…; none: no SQLSTATE).',
      labelNames: ['sqlstate_class'],
      registers: [registry],
    });
  }

  onModuleInit(): void {
    const { primary, replicas } = driverPools(this.dataSource);
    for (const pool of [primary, ...replicas]) {
      pool?.on('acquire', (client: PoolClient) => instrumentClient(client, (sql, ms, error) => this.observe(sql, ms, error)));
    }
  }

  observe(sql: string, ms: number, error: unknown): void {
    const operation = sqlOperation(sql);
    this.durationOf(operation).observe(ms / 1000);
    if (error !== undefined) {
      this.errors.inc({ sqlstate_class: sqlstateClass(error) });
    }
    const { thresholdMs, logPercent } = this.config.database.slowQuery;
    if (ms < thresholdMs) {
      return;
    }
    const fingerprint = fingerprintSql(sql);
    this.slowQueries.record(fingerprint, operation, ms);
    if (Math.random() * 100 < logPercent) {
      this.logger.warn(`slow ${operation}: ${Math.round(ms)} ms, fingerprint ${fingerprint.id}: ${fingerprint.text.slice(0, 500)}`);
    }
  }

  /** One histogram child per operation, looked up once: a labelled observe() validates and hashes its labels. */
  private durationOf(operation: string): { observe(seconds: number): void } {
    let child = this.durations.get(operation);
    if (child === undefined) {
      child = this.duration.labels({ operation });
      this.durations.set(operation, child);
    }
    return child;
  }

  slowQueryStats(): SlowQueryStats[] {
    return this.slowQueries.list();
  }
}
