import { testDatabase, type TestDatabase } from '@app/testing';
import type { TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';

import { QueryStatsService } from '../../src/modules/database/observability/query-stats.service.js';
import { createDatabaseModule } from '../support/database-module.js';
import { DEDICATED_POSTGRES_TIMEOUT_MS, startDedicatedPostgres, type DedicatedPostgres } from '../support/dedicated-postgres.js';

describe(QueryStatsService.name, () => {
  describe('on a server with pg_stat_statements (the embedded one preloads it)', () => {
    let postgres: DedicatedPostgres;
    let moduleRef: TestingModule;

    beforeAll(async () => {
      postgres = await startDedicatedPostgres('stats');
      moduleRef = await createDatabaseModule(postgres.url);
    }, DEDICATED_POSTGRES_TIMEOUT_MS);

    afterAll(async () => {
      await moduleRef?.close();
      await postgres?.remove();
    }, DEDICATED_POSTGRES_TIMEOUT_MS);

    it('lists this database\'s statements by total time, mean time or calls, normalised, and pages them', async () => {
      const dataSource = moduleRef.get(DataSource);
      await dataSource.query('CREATE TABLE stats_probe (id int PRIMARY KEY, note text)');
      for (let id = 0; id < 25; id++) {
        await dataSource.query('INSERT INTO stats_probe VALUES ($1, $2)', [id, `secret-${id}`]);
      }
      await dataSource.query('SELECT pg_sleep(0.05)');
      const stats = moduleRef.get(QueryStatsService);

      const byCalls = await stats.top('calls', 5, 0);
      const byTotal = await stats.top('total', 5, 0);
      const nextPage = await stats.top('calls', 5, 5);

      expect(byCalls.available).toBe(true);
      if (!byCalls.available || !byTotal.available || !nextPage.available) {
        return;
      }
      const insert = byCalls.items.find((item) => item.query.startsWith('INSERT INTO stats_probe'));
      expect(insert).toMatchObject({ query: 'INSERT INTO stats_probe VALUES ($1, $2)', calls: 25 });
      expect(byCalls.items.map((item) => item.calls)).toEqual([...byCalls.items.map((item) => item.calls)].sort((a, b) => b - a));
      expect(byTotal.items.some((item) => item.query.includes('pg_sleep') && item.totalMs >= 40)).toBe(true);
      expect(byCalls.hasMore).toBe(true);
      expect(nextPage.items.map((item) => item.queryId)).not.toContain(byCalls.items[0]!.queryId);
      expect(JSON.stringify([byCalls, byTotal])).not.toMatch(/secret-/);
    });
  });

  describe('on a server without it (the shared test server)', () => {
    let db: TestDatabase;
    let moduleRef: TestingModule;

    beforeAll(async () => {
      db = await testDatabase();
      moduleRef = await createDatabaseModule(db.url);
    });

    afterAll(async () => {
      await moduleRef?.close();
      await db?.drop();
    });

    it('says it is unavailable and how to enable it, instead of failing', async () => {
      const result = await moduleRef.get(QueryStatsService).top('total', 10, 0);

      expect(result).toMatchObject({ available: false, reason: expect.stringContaining('pg_stat_statements') });
      expect(result.available === false && result.howToEnable.join(' ')).toContain('shared_preload_libraries');
    });
  });
});
