import { withTimeout } from '@app/common';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';

import { DatabaseEndpoint, PoolStatsService, TransactionalConnection } from '../database/index.js';

const PING_TIMEOUT_MS = 1_000;

/** Required dependency: down makes readiness fail (503). Answers within a second even when Postgres hangs. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly endpoint: DatabaseEndpoint,
    private readonly health: HealthIndicatorService,
    private readonly pool: PoolStatsService,
  ) {}

  async check(key = 'database'): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    const started = performance.now();
    try {
      await withTimeout(this.connection.dataSource.query('SELECT 1'), PING_TIMEOUT_MS, () => new Error(`no answer within ${PING_TIMEOUT_MS} ms`));
      return indicator.up({ mode: this.endpoint.mode, responseTimeMs: Math.round(performance.now() - started), pool: this.pool.stats() });
    } catch (error) {
      return indicator.down({ mode: this.endpoint.mode, message: error instanceof Error ? error.message : 'unreachable' });
    }
  }
}
