import { testDatabase, testRedisUrl, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { bootApp } from '../support/app.js';
import { FixturesController } from '../support/fixtures.controller.js';
import { TcpProxy, viaPort } from '../support/tcp-proxy.js';

describe('health probes', () => {
  describe('with PostgreSQL and no Redis configured', () => {
    let app: INestApplication;
    let db: TestDatabase;

    beforeAll(async () => {
      db = await testDatabase();
      app = await bootApp({ DATABASE_URL: db.url });
    });

    afterAll(async () => {
      await app.close();
      await db.drop();
    });

    it('GET /health/live answers 200 ok, uncached', async () => {
      const response = await request(app.getHttpServer()).get('/health/live');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: 'ok' });
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it('GET /health/ready is ok with the database up and Redis reported as not configured', async () => {
      const response = await request(app.getHttpServer()).get('/health/ready');
      expect(response.status).toBe(200);
      expect(response.body.status).toBe('ok');
      expect(response.body.details.database).toMatchObject({ status: 'up', mode: 'external', pool: { max: 10 } });
      expect(response.body.details.redis).toMatchObject({ status: 'up', configured: false });
    });

    it('GET /health/startup is ok once migrations are applied', async () => {
      const response = await request(app.getHttpServer()).get('/health/startup');
      expect(response.status).toBe(200);
      expect(response.body.details.migrations).toMatchObject({ status: 'up', pending: false });
    });
  });

  describe('with Redis configured', () => {
    let db: TestDatabase;

    beforeAll(async () => {
      db = await testDatabase();
    });

    afterAll(async () => {
      await db.drop();
    });

    it('reports Redis up when it answers', async () => {
      const app = await bootApp({ DATABASE_URL: db.url, REDIS_URL: testRedisUrl() });
      try {
        const response = await request(app.getHttpServer()).get('/health/ready');
        expect(response.status).toBe(200);
        expect(response.body.status).toBe('ok');
        expect(response.body.details.redis).toMatchObject({ status: 'up', configured: true });
      } finally {
        await app.close();
      }
    });

    it('stays ready but degraded (200) when configured Redis is unreachable', async () => {
      const app = await bootApp({ DATABASE_URL: db.url, REDIS_URL: 'redis://127.0.0.1:1', REDIS_COMMAND_TIMEOUT_MS: '200' });
      try {
        const response = await request(app.getHttpServer()).get('/health/ready');
        expect(response.status).toBe(200);
        expect(response.body.status).toBe('degraded');
        expect(response.body.details.redis).toMatchObject({ status: 'degraded', configured: true });
        expect(response.body.details.database.status).toBe('up');
      } finally {
        await app.close();
      }
    });
  });

  describe('when PostgreSQL goes down and comes back', () => {
    let app: INestApplication;
    let db: TestDatabase;
    let proxy: TcpProxy;

    beforeAll(async () => {
      db = await testDatabase();
      const target = new URL(db.url);
      proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
      const port = await proxy.start();
      app = await bootApp({ DATABASE_URL: viaPort(db.url, port), DATABASE_ACQUIRE_TIMEOUT_MS: '1000' }, [FixturesController]);
    });

    afterAll(async () => {
      await app.close();
      await proxy.stop();
      await db.drop();
    });

    it('fails readiness with 503, answers requests needing it with 503 + Retry-After, and recovers by itself', async () => {
      const server = app.getHttpServer();
      expect((await request(server).get('/fixtures/db')).status).toBe(200);

      await proxy.stop();
      const notReady = await request(server).get('/health/ready');
      expect(notReady.status).toBe(503);
      expect(notReady.body.status).toBe('error');
      expect(notReady.body.error.database).toMatchObject({ status: 'down' });

      const needsDatabase = await request(server).get('/fixtures/db');
      expect(needsDatabase.status).toBe(503);
      expect(needsDatabase.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(needsDatabase.headers['retry-after']).toBe('5');
      expect(needsDatabase.body.code).toBe('DATABASE.UNAVAILABLE');

      expect((await request(server).get('/health/live')).status).toBe(200);

      await proxy.start();
      const ready = await request(server).get('/health/ready');
      expect(ready.status).toBe(200);
      expect((await request(server).get('/fixtures/db')).status).toBe(200);
    });
  });
});
