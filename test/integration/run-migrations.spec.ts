import { testConfig, testDatabase, type TestDatabase } from '@app/testing';
import { jest } from '@jest/globals';
import type { Logger } from '@nestjs/common';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';

import { dataSourceOptions, MigrationState, runMigrationsLocked, type SchemaClass } from '../../src/modules/database/index.js';
import { SCHEMA } from '../../src/schema.js';

const PROBE_MIGRATION = 'CreateMigrationProbe1767225600000';

const quietLogger = { log: () => undefined } as unknown as Logger;

/** A fixture migration that creates a table, and how many times its `up` ran. */
function probeMigration(): { migration: SchemaClass; upCalls: () => number } {
  let upCalls = 0;
  class CreateMigrationProbe1767225600000 implements MigrationInterface {
    async up(runner: QueryRunner): Promise<void> {
      upCalls += 1;
      // Widens the window in which a second, unlocked runner would also see this migration as pending.
      await runner.query('SELECT pg_sleep(0.2)');
      await runner.query('CREATE TABLE migration_probe (id integer PRIMARY KEY)');
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query('DROP TABLE migration_probe');
    }
  }
  return { migration: CreateMigrationProbe1767225600000, upCalls: () => upCalls };
}

let db: TestDatabase;
const opened: DataSource[] = [];

/** A DataSource on this test's database knowing the app's migrations plus `migration`. */
async function openDataSource(migration: SchemaClass, env: Record<string, string> = {}): Promise<DataSource> {
  const config = testConfig({ DATABASE_URL: db.url, ...env });
  const schema = { entities: SCHEMA.entities, migrations: [...SCHEMA.migrations, migration] };
  const dataSource = await new DataSource(dataSourceOptions(db.url, config.database, schema)).initialize();
  opened.push(dataSource);
  return dataSource;
}

async function recorded(dataSource: DataSource): Promise<string[]> {
  const rows = await dataSource.query<{ name: string }[]>('SELECT name FROM migrations WHERE name = $1', [PROBE_MIGRATION]);
  return rows.map((row) => row.name);
}

async function probeTableExists(dataSource: DataSource): Promise<boolean> {
  const [row] = await dataSource.query<{ exists: boolean }[]>(`SELECT to_regclass('migration_probe') IS NOT NULL AS exists`);
  return row!.exists;
}

// Each test migrates, so each gets a fresh clone of the template.
beforeEach(async () => {
  db = await testDatabase();
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((dataSource) => dataSource.destroy()));
  await db.drop();
});

describe(runMigrationsLocked.name, () => {
  it('applies a pending migration once and returns its name, then has nothing left to apply', async () => {
    const probe = probeMigration();
    const dataSource = await openDataSource(probe.migration);

    await expect(runMigrationsLocked(dataSource, quietLogger)).resolves.toEqual([PROBE_MIGRATION]);
    await expect(runMigrationsLocked(dataSource, quietLogger)).resolves.toEqual([]);

    expect(probe.upCalls()).toBe(1);
    await expect(probeTableExists(dataSource)).resolves.toBe(true);
    await expect(recorded(dataSource)).resolves.toEqual([PROBE_MIGRATION]);
  });

  it('lets two instances migrate the same database at once: both succeed, the migration runs and is recorded once', async () => {
    const probe = probeMigration();
    const [first, second] = await Promise.all([openDataSource(probe.migration), openDataSource(probe.migration)]);

    const applied = await Promise.all([runMigrationsLocked(first, quietLogger), runMigrationsLocked(second, quietLogger)]);

    expect(applied.flat()).toEqual([PROBE_MIGRATION]);
    expect(probe.upCalls()).toBe(1);
    await expect(recorded(first)).resolves.toEqual([PROBE_MIGRATION]);
  });

  it('migrates through a pool of a single connection', async () => {
    const probe = probeMigration();
    const dataSource = await openDataSource(probe.migration, { DATABASE_ACQUIRE_TIMEOUT_MS: '3000', DATABASE_POOL_MAX: '1' });

    await expect(runMigrationsLocked(dataSource, quietLogger)).resolves.toEqual([PROBE_MIGRATION]);

    await expect(probeTableExists(dataSource)).resolves.toBe(true);
  });

  it('runs migrations without the request statement_timeout, then gives the session its timeout back', async () => {
    const probe = probeMigration();
    const dataSource = await openDataSource(probe.migration, { DATABASE_POOL_MAX: '1', DATABASE_STATEMENT_TIMEOUT_MS: '100' });

    await expect(runMigrationsLocked(dataSource, quietLogger)).resolves.toEqual([PROBE_MIGRATION]);

    const [row] = await dataSource.query<{ statement_timeout: string }[]>('SHOW statement_timeout');
    expect(row!.statement_timeout).toBe('100ms');
  });

  it('releases the migration lock when a migration fails, so the next run can proceed', async () => {
    class BrokenMigration1767225600001 implements MigrationInterface {
      async up(runner: QueryRunner): Promise<void> {
        await runner.query('CREATE TABLE broken_probe (id no_such_type)');
      }

      down(): Promise<void> {
        return Promise.resolve();
      }
    }
    const broken = await openDataSource(BrokenMigration1767225600001);
    // TypeORM reports the failed migration on the console; the rejection below is what matters here.
    const console = jest.spyOn(globalThis.console, 'log').mockImplementation(() => undefined);
    try {
      await expect(runMigrationsLocked(broken, quietLogger)).rejects.toMatchObject({ code: '42704' });
    } finally {
      console.mockRestore();
    }

    const probe = probeMigration();
    const healthy = await openDataSource(probe.migration);

    await expect(runMigrationsLocked(healthy, quietLogger)).resolves.toEqual([PROBE_MIGRATION]);
  });
});

describe(MigrationState.name, () => {
  describe('allApplied', () => {
    it('reports a pending migration as not applied, then applied once it ran', async () => {
      const dataSource = await openDataSource(probeMigration().migration);
      const state = new MigrationState(dataSource);

      await expect(state.allApplied()).resolves.toBe(false);
      await runMigrationsLocked(dataSource, quietLogger);

      await expect(state.allApplied()).resolves.toBe(true);
    });
  });
});
