import { testDatabase, type TestDatabase } from '@app/testing';
import type { TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';

import { IndexAdvisor } from '../../src/modules/database/observability/index-advisor.service.js';
import { createDatabaseModule } from '../support/database-module.js';
import { waitFor } from '../support/wait-for.js';

let db: TestDatabase;
let moduleRef: TestingModule;
let advisor: IndexAdvisor;
let dataSource: DataSource;

beforeAll(async () => {
  db = await testDatabase();
  moduleRef = await createDatabaseModule(db.url);
  dataSource = moduleRef.get(DataSource);
  advisor = moduleRef.get(IndexAdvisor);
  await dataSource.query(`
    CREATE TABLE advice_orders (id int PRIMARY KEY, customer_id int NOT NULL, status text NOT NULL, placed_at timestamptz NOT NULL);
    INSERT INTO advice_orders SELECT g, g % 5000, CASE WHEN g % 2 = 0 THEN 'open' ELSE 'closed' END, now() - g * interval '1 minute' FROM generate_series(1, 100000) g;
    CREATE TABLE advice_items (id int PRIMARY KEY, order_id int NOT NULL, sku text NOT NULL);
    CREATE INDEX advice_items_order ON advice_items (order_id);
    CREATE INDEX advice_items_order_sku ON advice_items (order_id, sku);
    ANALYZE advice_orders;
    ANALYZE advice_items;
  `);
});

afterAll(async () => {
  await moduleRef?.close();
  await db?.drop();
});

describe(IndexAdvisor.name, () => {
  describe('with HypoPG', () => {
    beforeAll(async () => {
      await dataSource.query('CREATE EXTENSION IF NOT EXISTS hypopg');
    });

    afterAll(async () => {
      await dataSource.query('DROP EXTENSION IF EXISTS hypopg');
    });

    it('recommends an index only where a hypothetical one at least halves the cost, and never creates it', async () => {
      const advice = await advisor.advise([
        'SELECT * FROM advice_orders WHERE customer_id = $1',
        'SELECT * FROM advice_orders WHERE id = $1',
        'SELECT * FROM advice_orders WHERE status = $1',
      ]);

      expect(advice).toMatchObject({ hypopg: true, source: 'request', analyzed: 3 });
      expect(advice.recommendations).toHaveLength(1);
      const [recommendation] = advice.recommendations;
      expect(recommendation).toMatchObject({ table: 'advice_orders', columns: ['customer_id'], statement: 'CREATE INDEX CONCURRENTLY ON "advice_orders" ("customer_id")' });
      expect(recommendation!.costReduction).toBeGreaterThanOrEqual(0.5);
      expect(recommendation!.costAfter).toBeLessThan(recommendation!.costBefore / 2);
      // Not selective (half the rows): no candidate at all.
      expect([...advice.recommendations, ...advice.candidates].some((item) => item.columns.includes('status'))).toBe(false);
      const indexes = await dataSource.query<{ indexname: string }[]>("SELECT indexname FROM pg_indexes WHERE tablename = 'advice_orders'");
      expect(indexes.map((row) => row.indexname)).toEqual(['advice_orders_pkey']);
    });

    it('refuses to run anything but one explainable statement, even if it asks to write', async () => {
      const advice = await advisor.advise(['SELECT 1; DROP TABLE advice_orders', 'DROP TABLE advice_orders', 'SELECT * FROM no_such_table WHERE a = $1', 'SELECT * FROM advice_orders WHERE customer_id = $1']);

      expect(advice.skipped.map((item) => item.query)).toEqual(['SELECT 1; DROP TABLE advice_orders', 'DROP TABLE advice_orders', 'SELECT * FROM no_such_table WHERE a = $1']);
      expect(advice.recommendations).toHaveLength(1);
      await expect(dataSource.query('SELECT count(*)::int AS n FROM advice_orders')).resolves.toEqual([{ n: 100_000 }]);
    });
  });

  it('without HypoPG, lists selective scans as unverified candidates and says how to verify them', async () => {
    const advice = await advisor.advise(['SELECT * FROM advice_orders WHERE customer_id = $1 AND placed_at > $2']);

    expect(advice.hypopg).toBe(false);
    expect(advice.recommendations).toEqual([]);
    expect(advice.candidates).toEqual([expect.objectContaining({ table: 'advice_orders', columns: ['customer_id', 'placed_at'] })]);
    expect(advice.notes.join(' ')).toContain('HypoPG');
  });

  it('reports duplicate and unused indexes and cache hit ratios', async () => {
    const advice = await advisor.advise([]);

    expect(advice.duplicateIndexes).toEqual([expect.objectContaining({ table: 'advice_items', index: 'advice_items_order', coveredBy: 'advice_items_order_sku' })]);
    expect(advice.unusedIndexes.map((index) => index.index)).toEqual(expect.arrayContaining(['advice_items_order', 'advice_items_order_sku']));
    // Sessions flush their block counters to the statistics within about a second.
    await waitFor(async () => ((await advisor.advise([])).cacheHitRatios.tables ?? 0) > 0, 'block statistics to be flushed');
    const { tables } = (await advisor.advise([])).cacheHitRatios;
    expect(tables).toBeGreaterThan(0);
    expect(tables).toBeLessThanOrEqual(1);
  });
});
