import { MetricsRegistry } from '@app/common';
import { testDatabase, type TestDatabase } from '@app/testing';
import type { TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';

import { PoolStatsService } from '../../src/modules/database/index.js';
import { createDatabaseModule } from '../support/database-module.js';
import { waitFor } from '../support/wait-for.js';

const POOL_MAX = 2;

let db: TestDatabase;
let moduleRef: TestingModule;
let dataSource: DataSource;
let poolStats: PoolStatsService;
let registry: MetricsRegistry;

/** One sample of a metric: `suffix` picks a histogram series (`_count`), `labels` a labelled gauge's series. */
async function sample(name: string, { suffix = '', labels = {} }: { suffix?: string; labels?: Record<string, string> } = {}): Promise<number | undefined> {
  const metric = (await registry.getMetricsAsJSON()).find((candidate) => candidate.name === name);
  const value = metric?.values.find(
    (candidate) =>
      ((candidate as { metricName?: string }).metricName ?? name) === `${name}${suffix}` &&
      Object.entries(labels).every(([key, expected]) => String(candidate.labels[key]) === expected),
  );
  return value?.value;
}

/**
 * Holds every pooled connection and queues one more query behind them, runs `observe` while the pool is saturated,
 * then lets go; resolves once the queued query has had its turn.
 */
async function whileSaturated(observe: () => void | Promise<void>): Promise<void> {
  const held = Array.from({ length: POOL_MAX }, () => dataSource.createQueryRunner());
  await Promise.all(held.map((runner) => runner.connect()));
  const queued = dataSource.query('SELECT 1 AS answer');
  try {
    await waitFor(() => poolStats.stats().waiting === 1, 'the third query to queue for a connection');
    await observe();
  } finally {
    await Promise.all(held.map((runner) => runner.release()));
  }
  await expect(queued).resolves.toEqual([{ answer: 1 }]);
}

beforeAll(async () => {
  db = await testDatabase();
  moduleRef = await createDatabaseModule(db.url, {
    DATABASE_ACQUIRE_TIMEOUT_MS: '20000',
    DATABASE_POOL_MAX: String(POOL_MAX),
    DATABASE_POOL_MIN: '0',
  });
  dataSource = moduleRef.get(DataSource);
  poolStats = moduleRef.get(PoolStatsService);
  registry = moduleRef.get(MetricsRegistry);
});

afterAll(async () => {
  await moduleRef?.close();
  await db?.drop();
});

describe(PoolStatsService.name, () => {
  describe('stats', () => {
    it('reports callers waiting while every pooled connection is held, and none once they are released', async () => {
      await whileSaturated(() => {
        expect(poolStats.stats()).toEqual({ total: POOL_MAX, idle: 0, active: POOL_MAX, waiting: 1, max: POOL_MAX });
      });

      expect(poolStats.stats()).toEqual({ total: POOL_MAX, idle: POOL_MAX, active: 0, waiting: 0, max: POOL_MAX });
    });
  });

  describe('metrics', () => {
    it('exposes connections by state and waiting callers in the metrics registry', async () => {
      await whileSaturated(async () => {
        await expect(sample('bulwark_db_pool_connections', { labels: { state: 'active' } })).resolves.toBe(POOL_MAX);
        await expect(sample('bulwark_db_pool_connections', { labels: { state: 'idle' } })).resolves.toBe(0);
        await expect(sample('bulwark_db_pool_connections', { labels: { state: 'max' } })).resolves.toBe(POOL_MAX);
        await expect(sample('bulwark_db_pool_connections', { labels: { state: 'waiting' } })).resolves.toBe(1);
      });

      await expect(sample('bulwark_db_pool_connections', { labels: { state: 'waiting' } })).resolves.toBe(0);
    });

    it('times every connection acquisition in bulwark_db_pool_acquire_duration_seconds', async () => {
      const before = (await sample('bulwark_db_pool_acquire_duration_seconds', { suffix: '_count' })) ?? 0;

      await Promise.all([dataSource.query('SELECT 1'), dataSource.query('SELECT 2'), dataSource.query('SELECT 3')]);

      await expect(sample('bulwark_db_pool_acquire_duration_seconds', { suffix: '_count' })).resolves.toBe(before + 3);
    });

    it('serves the pool metrics in the Prometheus text exposition', async () => {
      await dataSource.query('SELECT 1');

      const text = await registry.metrics();

      expect(text).toMatch(/^bulwark_db_pool_connections\{state="max"\} 2$/m);
      expect(text).toMatch(/^bulwark_db_pool_connections\{state="waiting"\} 0$/m);
      expect(text).toMatch(/^bulwark_db_pool_acquire_duration_seconds_count [1-9]\d*$/m);
    });
  });
});
