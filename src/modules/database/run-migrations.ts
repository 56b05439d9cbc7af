import type { Logger } from '@nestjs/common';
import { type DataSource, MigrationExecutor } from 'typeorm';

/** Arbitrary but fixed: every Bulwark instance takes the same advisory lock before migrating. */
const MIGRATION_LOCK_KEY = 7_428_310_551;

/**
 * Applies pending migrations under a Postgres advisory lock, so instances starting together migrate one at a
 * time instead of racing on the same DDL (TypeORM does not lock by itself). Returns the names applied.
 * The migrations run on the connection that holds the lock: with a pool of one, another would never come.
 */
export async function runMigrationsLocked(dataSource: DataSource, logger: Logger): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    // Waiting for another instance's migrations, or a long DDL, must not hit the request-sized statement_timeout.
    await runner.query('SET statement_timeout = 0');
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    const applied = await executor.executePendingMigrations();
    for (const migration of applied) {
      logger.log(`applied migration ${migration.name}`);
    }
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    // Back to the connection's configured timeout before the pool hands this session to anyone else.
    await runner.query('RESET statement_timeout').catch(() => undefined);
    await runner.release();
  }
}
