import type { TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';

import { DatabaseCircuitOpenError, isDatabaseUnavailableError, mapPostgresError, PoolCircuitBreaker } from '../../src/modules/database/index.js';
import { createDatabaseModule } from '../support/database-module.js';
import { DEDICATED_POSTGRES_TIMEOUT_MS as SERVER_TIMEOUT_MS, startDedicatedPostgres, type DedicatedPostgres } from '../support/dedicated-postgres.js';
import { waitFor } from '../support/wait-for.js';

// A PostgreSQL of this file's own (never the shared server other tests use), stopped and started by the test.
let postgres: DedicatedPostgres;
let moduleRef: TestingModule;

beforeAll(async () => {
  postgres = await startDedicatedPostgres('breaker');
  moduleRef = await createDatabaseModule(postgres.url, { DATABASE_BREAKER_FAILURES: '2', DATABASE_BREAKER_HALF_OPEN_MS: '300', DATABASE_ACQUIRE_TIMEOUT_MS: '2000' });
}, SERVER_TIMEOUT_MS);

afterAll(async () => {
  await moduleRef?.close();
  await postgres?.remove();
}, SERVER_TIMEOUT_MS);

describe(PoolCircuitBreaker.name, () => {
  it('opens while PostgreSQL is down, answering with a 503-mapped error at once, and closes by itself when it returns', async () => {
    const dataSource = moduleRef.get(DataSource);
    const breaker = moduleRef.get(PoolCircuitBreaker);
    await expect(dataSource.query('SELECT 1 AS ok')).resolves.toEqual([{ ok: 1 }]);

    await postgres.server.stop();
    const failures: unknown[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      failures.push(await dataSource.query('SELECT 1').then(() => null, (error: unknown) => error));
    }

    expect(failures.every((error) => error !== null && isDatabaseUnavailableError(error))).toBe(true);
    expect(breaker.isOpen).toBe(true);
    expect(failures.at(-1)).toBeInstanceOf(DatabaseCircuitOpenError);
    expect(mapPostgresError(failures.at(-1))).toMatchObject({ status: 503, headers: { 'Retry-After': expect.any(String) } });

    await postgres.server.start();
    await waitFor(
      () => dataSource.query('SELECT 1 AS ok').then(() => true, () => false),
      'the pool to reach PostgreSQL again',
      30_000,
    );
    expect(breaker.isOpen).toBe(false);
  }, SERVER_TIMEOUT_MS);

  it('does not count statement errors: bad SQL never opens it', async () => {
    const dataSource = moduleRef.get(DataSource);
    for (let attempt = 0; attempt < 5; attempt++) {
      await expect(dataSource.query('SELECT * FROM no_such_table')).rejects.toThrow();
    }

    expect(moduleRef.get(PoolCircuitBreaker).isOpen).toBe(false);
    await expect(dataSource.query('SELECT 2 AS ok')).resolves.toEqual([{ ok: 2 }]);
  });
});
