import { ErrorMapperRegistry } from '@app/common';
import { testDatabase, type TestDatabase } from '@app/testing';
import type { TestingModule } from '@nestjs/testing';
import { DataSource, QueryFailedError } from 'typeorm';

import {
  DatabaseException,
  DatabaseExceptionCode,
  DatabaseModule,
  mapPostgresError,
  MigrationState,
} from '../../src/modules/database/index.js';
import { createDatabaseModule } from '../support/database-module.js';
import { waitFor } from '../support/wait-for.js';

const APPLICATION_NAME = 'bulwark-it-database';
// Not a whole number of seconds, so PostgreSQL shows it in ms.
const STATEMENT_TIMEOUT_MS = 1_500;

/** Runs `sql` expecting PostgreSQL to refuse it, and returns the real error. */
async function failureOf(dataSource: DataSource, sql: string): Promise<unknown> {
  try {
    await dataSource.query(sql);
  } catch (error) {
    return error;
  }
  throw new Error(`expected PostgreSQL to refuse: ${sql}`);
}

let db: TestDatabase;
let moduleRef: TestingModule;
let dataSource: DataSource;

beforeAll(async () => {
  db = await testDatabase();
  moduleRef = await createDatabaseModule(db.url, {
    DATABASE_APPLICATION_NAME: APPLICATION_NAME,
    DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
  });
  dataSource = moduleRef.get(DataSource);
  await dataSource.query(`
    CREATE TABLE scratch_account (
      id serial PRIMARY KEY,
      email text NOT NULL UNIQUE,
      team_id integer REFERENCES scratch_account (id)
    )`);
});

afterAll(async () => {
  await moduleRef?.close();
  await db?.drop();
});

describe(DatabaseModule.name, () => {
  describe('forRoot', () => {
    it('connects the DataSource to the configured database', async () => {
      expect(dataSource.isInitialized).toBe(true);
      await expect(dataSource.query('SELECT current_database() AS name')).resolves.toEqual([{ name: db.name }]);
    });

    it('reports the configured application_name to PostgreSQL', async () => {
      const [session] = await dataSource.query<{ setting: string; listed: string }[]>(
        `SELECT current_setting('application_name') AS setting, application_name AS listed
           FROM pg_stat_activity WHERE pid = pg_backend_pid()`,
      );
      expect(session).toEqual({ setting: APPLICATION_NAME, listed: APPLICATION_NAME });
    });

    it('applies the configured statement_timeout to every pooled session', async () => {
      const runners = [dataSource.createQueryRunner(), dataSource.createQueryRunner()];
      try {
        const sessions = await Promise.all(
          runners.map(async (runner) => {
            await runner.connect();
            const rows: { pid: number; timeout: string }[] = await runner.query(
              'SELECT pg_backend_pid() AS pid, current_setting($1) AS timeout',
              ['statement_timeout'],
            );
            return rows[0]!;
          }),
        );
        expect(new Set(sessions.map((session) => session.pid)).size).toBe(2);
        expect(sessions.map((session) => session.timeout)).toEqual([`${STATEMENT_TIMEOUT_MS}ms`, `${STATEMENT_TIMEOUT_MS}ms`]);
      } finally {
        await Promise.all(runners.map((runner) => runner.release()));
      }
    });

    it('cancels a statement that runs past statement_timeout with SQLSTATE 57014', async () => {
      await expect(dataSource.query('SELECT pg_sleep(60)')).rejects.toMatchObject({ code: '57014' });
    });

    it('leaves statement_timeout at the server default when configured as 0', async () => {
      const unlimited = await createDatabaseModule(db.url, { DATABASE_STATEMENT_TIMEOUT_MS: '0' });
      try {
        await expect(unlimited.get(DataSource).query('SHOW statement_timeout')).resolves.toEqual([{ statement_timeout: '0' }]);
      } finally {
        await unlimited.close();
      }
    });
  });

  describe('onModuleInit', () => {
    it('teaches the ErrorMapperRegistry to map PostgreSQL errors', async () => {
      await dataSource.query(`INSERT INTO scratch_account (email) VALUES ('registry@example.test')`);
      const error = await failureOf(dataSource, `INSERT INTO scratch_account (email) VALUES ('registry@example.test')`);

      const mapped = moduleRef.get(ErrorMapperRegistry).map(error);

      expect(mapped).toBeInstanceOf(DatabaseException);
      expect(mapped).toMatchObject({ code: DatabaseExceptionCode.UNIQUE_VIOLATION, status: 409 });
    });
  });

  describe('onApplicationShutdown', () => {
    it('closes the pool, leaving no session behind', async () => {
      const applicationName = 'bulwark-it-shutdown';
      const closing = await createDatabaseModule(db.url, { DATABASE_APPLICATION_NAME: applicationName });
      const closingSource = closing.get(DataSource);
      const sessions = async (): Promise<number> => {
        const [row] = await dataSource.query<{ count: number }[]>(
          'SELECT count(*)::int AS count FROM pg_stat_activity WHERE application_name = $1',
          [applicationName],
        );
        return row!.count;
      };
      await closingSource.query('SELECT 1');
      await expect(sessions()).resolves.toBeGreaterThan(0);

      await closing.close();

      expect(closingSource.isInitialized).toBe(false);
      // The server drops a session's row as its backend exits, just after the client hangs up.
      await waitFor(async () => (await sessions()) === 0, 'the closed pool to leave pg_stat_activity');
    });
  });
});

describe(MigrationState.name, () => {
  describe('allApplied', () => {
    it('is true on a clone of the migrated template', async () => {
      await expect(moduleRef.get(MigrationState).allApplied()).resolves.toBe(true);
    });
  });
});

describe(mapPostgresError.name, () => {
  it('maps a real statement timeout (57014) to a retryable 503 DATABASE.TIMEOUT', async () => {
    const error = await failureOf(dataSource, 'SELECT pg_sleep(60)');
    expect(error).toBeInstanceOf(QueryFailedError);

    const mapped = mapPostgresError(error);

    expect(mapped).toBeInstanceOf(DatabaseException);
    expect(mapped).toMatchObject({ code: DatabaseExceptionCode.TIMEOUT, status: 503, headers: { 'Retry-After': '5' } });
  });

  it('maps a real unique violation (23505) to 409 DATABASE.UNIQUE_VIOLATION naming the column, not the value', async () => {
    await dataSource.query(`INSERT INTO scratch_account (email) VALUES ('taken@example.test')`);
    const error = await failureOf(dataSource, `INSERT INTO scratch_account (email) VALUES ('taken@example.test')`);

    const mapped = mapPostgresError(error);

    expect(mapped).toMatchObject({
      code: DatabaseExceptionCode.UNIQUE_VIOLATION,
      status: 409,
      errors: [{ field: 'email', message: 'already exists' }],
    });
    expect(JSON.stringify(mapped)).not.toContain('taken@example.test');
  });

  it('maps a real not-null violation (23502) to 400 DATABASE.NOT_NULL_VIOLATION naming the column', async () => {
    const error = await failureOf(dataSource, 'INSERT INTO scratch_account (email) VALUES (NULL)');

    expect(mapPostgresError(error)).toMatchObject({
      code: DatabaseExceptionCode.NOT_NULL_VIOLATION,
      status: 400,
      errors: [{ field: 'email', message: 'must not be null' }],
    });
  });

  it('maps a real foreign key violation (23503) to 409 DATABASE.FOREIGN_KEY_VIOLATION', async () => {
    const error = await failureOf(dataSource, `INSERT INTO scratch_account (email, team_id) VALUES ('orphan@example.test', -1)`);

    expect(mapPostgresError(error)).toMatchObject({ code: DatabaseExceptionCode.FOREIGN_KEY_VIOLATION, status: 409 });
  });

  it('maps a real malformed value (22P02) to 400 DATABASE.INVALID_VALUE', async () => {
    const error = await failureOf(dataSource, `SELECT 'not-a-number'::integer`);

    expect(mapPostgresError(error)).toMatchObject({ code: DatabaseExceptionCode.INVALID_VALUE, status: 400 });
  });

  it('passes on a programming error (bad SQL), which stays a 500', async () => {
    const error = await failureOf(dataSource, 'SELECT * FROM no_such_table');

    expect(mapPostgresError(error)).toBeUndefined();
  });
});
