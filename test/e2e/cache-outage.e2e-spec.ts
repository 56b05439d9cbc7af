import { testDatabase, testRedisUrl, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';

import { Scope } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { cachePrefix } from '../support/cache-instance.js';
import { CacheFixturesController } from '../support/cache-fixtures.controller.js';
import { bearer, issueApiKey } from '../support/principals.js';
import { TcpProxy, viaPort } from '../support/tcp-proxy.js';
import { waitFor } from '../support/wait-for.js';

describe('The app while Redis is cut under load', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let proxy: TcpProxy;
  let port: number;
  let key: Record<string, string>;
  const http = (): ReturnType<typeof request> => request(app.getHttpServer());

  beforeAll(async () => {
    db = await testDatabase();
    const redis = new URL(testRedisUrl());
    proxy = new TcpProxy(redis.hostname, Number(redis.port || 6379));
    port = await proxy.start();
    app = await bootApp(
      {
        DATABASE_URL: db.url,
        REDIS_URL: viaPort(testRedisUrl(), port),
        CACHE_KEY_PREFIX: cachePrefix(),
        CACHE_BREAKER_FAILURES: '3',
        CACHE_BREAKER_HALF_OPEN_MS: '200',
        CACHE_L2_TIMEOUT_MS: '100',
        REDIS_COMMAND_TIMEOUT_MS: '100',
        RATE_LIMIT_FREE: '100000',
      },
      [CacheFixturesController],
    );
    key = bearer(await issueApiKey(app, { scopes: [Scope.CACHE_READ, Scope.CACHE_WRITE], name: 'outage' }));
  });

  afterAll(async () => {
    await app?.close();
    await proxy?.stop();
    await db?.drop();
  });

  it('answers every request, serves what it cached, reports degraded, and uses Redis again once it is back', async () => {
    await http().put('/v1/cache/entries/outage/kept').set(key).send({ value: 'kept', ttlMs: 60_000 }).expect(200);
    await http().get('/cache-fixtures/catalogue?page=outage').set(key).expect(200);

    await proxy.stop();
    const statuses: number[] = [];
    const bodies: unknown[] = [];
    const deadline = Date.now() + 1_500;
    while (Date.now() < deadline) {
      const round = await Promise.all([
        http().get('/v1/cache/entries/outage/kept').set(key),
        http().get('/cache-fixtures/catalogue?page=outage').set(key),
        http().put('/v1/cache/entries/outage/written').set(key).send({ value: 'while down' }),
        http().get('/v1/cache/stats').set(key),
      ]);
      statuses.push(...round.map((response) => response.status));
      bodies.push(round[0].body.value, round[1].headers['x-cache']);
      await sleep(25);
    }

    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(bodies).toContain('kept');
    expect(bodies).toContain('HIT');
    const ready = await http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('degraded');
    expect((await http().get('/v1/cache/stats').set(key)).body.l2.state).not.toBe('closed');

    await proxy.start(port);
    await waitFor(async () => {
      await http().get('/v1/cache/entries/outage/probe').set(key);
      return (await http().get('/v1/cache/stats').set(key)).body.l2.state === 'closed';
    }, 'the cache breaker to close once Redis is back');
    await waitFor(async () => (await http().get('/health/ready')).body.status === 'ok', 'readiness to be ok again');
  });
});
