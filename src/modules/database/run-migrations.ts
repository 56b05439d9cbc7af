import type { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

/** Arbitrary but fixed: every Bulwark instance takes the same advisory lock before migrating. */
const MIGRATION_LOCK_KEY = 7_428_310_551;

/**
 * Applies pending migrations under a Postgres advisory lock, so instances starting together migrate one at a
 * time instead of racing on the same DDL (TypeORM does not lock by itself). Returns the names applied.
 */
export async function runMigrationsLocked(dataSource: DataSource, logger: Logger): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of applied) {
      logger.log(`applied migration ${migration.name}`);
    }
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
