import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';

import { Scope } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { bearer, issueApiKey } from '../support/principals.js';

describe('Database observability API', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let reader: Record<string, string>;
  const http = (): ReturnType<typeof request> => request(app.getHttpServer());

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp({ DATABASE_URL: db.url, DATABASE_SLOW_QUERY_MS: '30', DATABASE_POOL_MAX: '7' });
    reader = bearer(await issueApiKey(app, { scopes: [Scope.DB_READ], name: 'db reader' }));
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('GET /v1/db/pool reports the pool and its limits', async () => {
    const response = await http().get('/v1/db/pool').set(reader);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ max: 7, acquireTimeoutMs: 5_000, slowQueryThresholdMs: 30 });
    expect(response.body.total).toBe(response.body.idle + response.body.active);
  });

  it('GET /v1/db/slow-queries pages through fingerprints, heaviest first', async () => {
    const dataSource = app.get(DataSource);
    await dataSource.query('SELECT pg_sleep(0.05)');
    await dataSource.query('SELECT pg_sleep(0.04), 1');

    const first = await http().get('/v1/db/slow-queries?limit=1').set(reader);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await http().get(`/v1/db/slow-queries?limit=1&cursor=${first.body.nextCursor as string}`).set(reader);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].fingerprint).not.toBe(first.body.items[0].fingerprint);
    expect(first.body.items[0].totalMs).toBeGreaterThanOrEqual(second.body.items[0].totalMs);
  });

  it('GET /v1/db/query-stats says how to enable pg_stat_statements where it is missing, and validates its sort', async () => {
    const response = await http().get('/v1/db/query-stats?sort=mean').set(reader);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ available: false, items: [], nextCursor: null });
    expect(response.body.howToEnable).toEqual(expect.arrayContaining([expect.stringContaining('shared_preload_libraries')]));
    expect((await http().get('/v1/db/query-stats?sort=sideways').set(reader)).status).toBe(400);
  });

  it('GET /v1/db/index-advice reports index health and says what it needs for statement advice', async () => {
    const response = await http().get('/v1/db/index-advice').set(reader);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ source: 'none', analyzed: 0, recommendations: [] });
    expect((response.body as { notes: string[] }).notes.join(' ')).toContain('pg_stat_statements');
  });

  it('POST /v1/db/index-advice explains the statements sent (SQL is its input: the threat guard lets it through)', async () => {
    const queries = ["SELECT * FROM api_keys WHERE owner = $1 OR name = 'x' UNION SELECT * FROM api_keys WHERE id = $2", 'DELETE FROM users; DROP TABLE users'];
    const response = await http().post('/v1/db/index-advice').set(reader).send({ queries });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ source: 'request', analyzed: 1 });
    expect(response.body.skipped).toEqual([expect.objectContaining({ query: queries[1] })]);
    expect((await http().post('/v1/db/index-advice').set(reader).send({ queries: [] })).status).toBe(400);
  });

  it('refuses a forged cursor with 400 and callers without db:read with 403', async () => {
    expect((await http().get('/v1/db/slow-queries?cursor=not-a-cursor').set(reader)).status).toBe(400);
    const other = bearer(await issueApiKey(app, { scopes: [Scope.CACHE_READ], name: 'no db' }));
    expect((await http().get('/v1/db/pool').set(other)).status).toBe(403);
  });
});
