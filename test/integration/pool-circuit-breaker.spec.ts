import { EmbeddedPostgresServer } from '@app/common';
import type { TestingModule } from '@nestjs/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';

import { DatabaseCircuitOpenError, isDatabaseUnavailableError, mapPostgresError, PoolCircuitBreaker } from '../../src/modules/database/index.js';
import { createDatabaseModule } from '../support/database-module.js';
import { waitFor } from '../support/wait-for.js';

const SERVER_TIMEOUT_MS = 120_000;

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// A PostgreSQL of this file's own (never the shared server other tests use), stopped and started by the test.
let root: string;
let server: EmbeddedPostgresServer;
let moduleRef: TestingModule;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bulwark-breaker-'));
  server = new EmbeddedPostgresServer({ dataDir: join(root, 'pg'), port: await freePort(), password: 'breaker-it-secret', database: 'bulwark_breaker' });
  await server.start();
  moduleRef = await createDatabaseModule(server.url, { DATABASE_BREAKER_FAILURES: '2', DATABASE_BREAKER_HALF_OPEN_MS: '300', DATABASE_ACQUIRE_TIMEOUT_MS: '2000' });
}, SERVER_TIMEOUT_MS);

afterAll(async () => {
  await moduleRef?.close();
  await server?.stop();
  await rm(root, { force: true, recursive: true });
}, SERVER_TIMEOUT_MS);

describe(PoolCircuitBreaker.name, () => {
  it('opens while PostgreSQL is down, answering with a 503-mapped error at once, and closes by itself when it returns', async () => {
    const dataSource = moduleRef.get(DataSource);
    const breaker = moduleRef.get(PoolCircuitBreaker);
    await expect(dataSource.query('SELECT 1 AS ok')).resolves.toEqual([{ ok: 1 }]);

    await server.stop();
    const failures: unknown[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      failures.push(await dataSource.query('SELECT 1').then(() => null, (error: unknown) => error));
    }

    expect(failures.every((error) => error !== null && isDatabaseUnavailableError(error))).toBe(true);
    expect(breaker.isOpen).toBe(true);
    expect(failures.at(-1)).toBeInstanceOf(DatabaseCircuitOpenError);
    expect(mapPostgresError(failures.at(-1))).toMatchObject({ status: 503, headers: { 'Retry-After': expect.any(String) } });

    await server.start();
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
