import { MetricsRegistry } from '@app/common';
import { testDatabase, type TestDatabase } from '@app/testing';
import type { TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';

import { QueryObserver } from '../../src/modules/database/observability/query-observer.service.js';
import { createDatabaseModule } from '../support/database-module.js';

let db: TestDatabase;
let moduleRef: TestingModule;
let dataSource: DataSource;
let registry: MetricsRegistry;

async function sample(name: string, labels: Record<string, string>): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find((candidate) => candidate.name === name);
  const value = metric?.values.find((candidate) => Object.entries(labels).every(([key, expected]) => String(candidate.labels[key]) === expected));
  return value?.value ?? 0;
}

beforeAll(async () => {
  db = await testDatabase();
  moduleRef = await createDatabaseModule(db.url, { DATABASE_SLOW_QUERY_MS: '40' });
  dataSource = moduleRef.get(DataSource);
  registry = moduleRef.get(MetricsRegistry);
});

afterAll(async () => {
  await moduleRef?.close();
  await db?.drop();
});

describe(QueryObserver.name, () => {
  it('times queries by operation, through TypeORM and inside transactions', async () => {
    const count = (operation: string): Promise<number> => sample('bulwark_db_query_duration_seconds', { operation, le: '+Inf' });
    const [selects, transactions] = await Promise.all([count('select'), count('transaction')]);

    await dataSource.query('SELECT 1');
    await dataSource.transaction(async (manager) => {
      await manager.query('SELECT $1::int AS n', [2]);
    });

    expect(await count('select')).toBe(selects + 2);
    expect(await count('transaction')).toBeGreaterThanOrEqual(transactions + 2);
  });

  it('counts failed queries by SQLSTATE class', async () => {
    const before = await sample('bulwark_db_query_errors_total', { sqlstate_class: '42' });

    await expect(dataSource.query('SELECT * FROM no_such_table')).rejects.toThrow();

    expect(await sample('bulwark_db_query_errors_total', { sqlstate_class: '42' })).toBe(before + 1);
  });

  it('aggregates slow queries by fingerprint, without the values they ran with', async () => {
    const observer = moduleRef.get(QueryObserver);

    await dataSource.query("SELECT pg_sleep(0.05), 'secret-token-value' AS t");
    await dataSource.query('SELECT pg_sleep($1), $2 AS t', [0.06, 'another-secret']);
    await dataSource.query('SELECT 1');

    const slow = observer.slowQueryStats().filter((stats) => stats.query.includes('pg_sleep'));
    expect(slow).toHaveLength(1);
    expect(slow[0]).toMatchObject({ query: 'select pg_sleep(?),? as t', operation: 'select', calls: 2 });
    expect(slow[0]!.meanMs).toBeGreaterThanOrEqual(40);
    expect(slow[0]!.maxMs).toBeGreaterThanOrEqual(slow[0]!.p95Ms);
    expect(JSON.stringify(observer.slowQueryStats())).not.toMatch(/secret/);
  });
});
