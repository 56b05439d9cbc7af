import { testAdminUrl, testDatabase, type TestDatabase } from '@app/testing';
import type { TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';

import { TransactionalConnection } from '../../src/modules/database/index.js';
import { IndexAdvisor } from '../../src/modules/database/observability/index-advisor.service.js';
import { createDatabaseModule } from '../support/database-module.js';
import { PgBouncer } from '../support/pgbouncer.js';

let db: TestDatabase;
let bouncer: PgBouncer;
let moduleRef: TestingModule;
let dataSource: DataSource;

beforeAll(async () => {
  db = await testDatabase();
  bouncer = new PgBouncer(new URL(testAdminUrl()));
  await bouncer.start();
  // Migrations take a session-level advisory lock: behind transaction pooling they run against the direct URL.
  moduleRef = await createDatabaseModule(bouncer.urlFor(db.url), { DATABASE_MIGRATIONS_RUN: 'false', DATABASE_POOL_MAX: '10', DATABASE_STATEMENT_TIMEOUT_MS: '0' });
  dataSource = moduleRef.get(DataSource);
  await dataSource.query('CREATE TABLE bouncer_probe (id int PRIMARY KEY, note text NOT NULL)');
});

afterAll(async () => {
  await moduleRef?.close();
  await bouncer?.stop();
  await db?.drop();
});

describe('behind PgBouncer in transaction mode (2 server connections for 10 pooled clients)', () => {
  it('runs many concurrent parameterised queries (unnamed prepared statements) correctly', async () => {
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => dataSource.query('SELECT $1::int * 2 AS doubled, $2::text AS label', [i, `n${i}`])));

    expect(results.map(([row]) => (row as { doubled: number }).doubled)).toEqual(Array.from({ length: 100 }, (_, i) => i * 2));
    expect(results.map(([row]) => (row as { label: string }).label)).toEqual(Array.from({ length: 100 }, (_, i) => `n${i}`));
  });

  it('keeps each transaction on one server connection: commits and rollbacks land as asked', async () => {
    const connection = moduleRef.get(TransactionalConnection);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        connection.transaction(async (manager) => {
          await manager.query('INSERT INTO bouncer_probe VALUES ($1, $2)', [i, `tx${i}`]);
          const [{ count }] = await manager.query<[{ count: number }]>('SELECT count(*)::int AS count FROM bouncer_probe WHERE id = $1', [i]);
          if (count !== 1) {
            throw new Error('a transaction did not see its own write');
          }
          if (i % 4 === 0) {
            throw new Error('roll back');
          }
        }),
      ),
    );

    const reasons = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as Error] : []));
    expect(reasons.map((reason) => reason.message)).toEqual(Array(5).fill('roll back'));
    const rows = await dataSource.query<{ id: number }[]>('SELECT id FROM bouncer_probe ORDER BY id');
    expect(rows.map((row) => row.id)).toEqual(Array.from({ length: 20 }, (_, i) => i).filter((i) => i % 4 !== 0));
  });

  it('gives index advice (transaction-scoped settings, statements prepared and released inside the transaction)', async () => {
    const advice = await moduleRef.get(IndexAdvisor).advise(['SELECT * FROM bouncer_probe WHERE note = $1', 'SELECT * FROM bouncer_probe WHERE id = $1']);

    expect(advice.analyzed).toBe(2);
    expect(advice.skipped).toEqual([]);
  });
});
