import { testDatabase, testRedisUrl, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { CacheService } from '../../src/modules/cache/index.js';
import { Scope } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { cachePrefix } from '../support/cache-instance.js';
import { CacheFixturesController } from '../support/cache-fixtures.controller.js';
import { bearer, issueApiKey } from '../support/principals.js';
import { waitFor } from '../support/wait-for.js';

describe('Cache over HTTP (two instances on one Redis)', () => {
  let db: TestDatabase;
  let apps: INestApplication[] = [];
  let reader: Record<string, string>;
  let otherReader: Record<string, string>;
  let writer: Record<string, string>;
  const http = (index = 0): ReturnType<typeof request> => request(apps[index]!.getHttpServer());

  beforeAll(async () => {
    db = await testDatabase();
    const env = { DATABASE_URL: db.url, REDIS_URL: testRedisUrl(), CACHE_KEY_PREFIX: cachePrefix(), CACHE_MAX_VALUE_BYTES: '4096' };
    apps = [await bootApp(env, [CacheFixturesController]), await bootApp(env, [CacheFixturesController])];
    reader = bearer(await issueApiKey(apps[0]!, { scopes: [Scope.CACHE_READ], name: 'reader' }));
    otherReader = bearer(await issueApiKey(apps[0]!, { scopes: [Scope.CACHE_READ], name: 'other reader' }));
    writer = bearer(await issueApiKey(apps[0]!, { scopes: [Scope.CACHE_READ, Scope.CACHE_WRITE], name: 'writer' }));
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await db?.drop();
  });

  describe('@Cached routes', () => {
    it('serves the second call from the cache, on either instance, with an ETag and Cache-Control', async () => {
      const runs = CacheFixturesController.runs;
      const first = await http(0).get('/cache-fixtures/catalogue?page=2&sort=a').set(reader);
      const second = await http(1).get('/cache-fixtures/catalogue?sort=a&page=2').set(otherReader);

      expect(first.status).toBe(200);
      expect(first.headers['x-cache']).toBe('MISS');
      expect(second.headers['x-cache']).toBe('HIT');
      expect(second.body).toEqual(first.body);
      expect(second.headers['content-type']).toContain('application/json');
      expect(first.headers.etag).toMatch(/^"[\w-]{27}"$/);
      expect(second.headers.etag).toBe(first.headers.etag);
      expect(first.headers['cache-control']).toBe('public, max-age=60');
      expect(CacheFixturesController.runs).toBe(runs + 1);
    });

    it('answers If-None-Match with 304 and no body', async () => {
      const first = await http().get('/cache-fixtures/catalogue?page=3').set(reader);
      const again = await http().get('/cache-fixtures/catalogue?page=3').set(reader).set('If-None-Match', `W/"other", ${first.headers.etag as string}`);

      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      expect(again.headers.etag).toBe(first.headers.etag);
    });

    it('keeps per-principal responses apart unless the route is shared', async () => {
      const mine = await http().get('/cache-fixtures/mine').set(reader);
      const theirs = await http().get('/cache-fixtures/mine').set(otherReader);

      expect(mine.body.who).not.toBe(theirs.body.who);
      expect(theirs.headers['x-cache']).toBe('MISS');
      expect(mine.headers['cache-control']).toBe('private, max-age=60');
    });

    it('never caches an error', async () => {
      const runs = CacheFixturesController.runs;
      expect((await http().get('/cache-fixtures/missing/7').set(reader)).status).toBe(404);
      expect((await http().get('/cache-fixtures/missing/7').set(reader)).status).toBe(404);
      expect(CacheFixturesController.runs).toBe(runs + 2);
    });

    it('drops tagged responses on every instance when an @InvalidatesCache route succeeds', async () => {
      const before = await http(1).get('/cache-fixtures/catalogue?page=9').set(reader);
      expect((await http(1).get('/cache-fixtures/catalogue?page=9').set(reader)).headers['x-cache']).toBe('HIT');

      await http(0).post('/cache-fixtures/catalogue').set(writer).expect(200);

      // The other instance hears of it over pub/sub, within milliseconds but not synchronously.
      let after: request.Response | undefined;
      await waitFor(async () => {
        after = await http(1).get('/cache-fixtures/catalogue?page=9').set(reader);
        return after.body.version === before.body.version + 1;
      }, 'the invalidation to reach the other instance');
      expect(after!.headers['x-cache']).toBe('MISS');
      expect(after!.headers.etag).not.toBe(before.headers.etag);
    });
  });

  describe('entries API', () => {
    it('puts, reads on the other instance, and deletes an entry everywhere', async () => {
      const value = { name: 'Zoë 🎉', list: [1, 2, 3] };
      const put = await http(0).put('/v1/cache/entries/users/user%3A42').set(writer).send({ value, ttlMs: 60_000, tags: ['team:1'] });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ namespace: 'users', key: 'user:42', value });

      const read = await http(1).get('/v1/cache/entries/users/user%3A42').set(reader);
      expect(read.body).toMatchObject({ namespace: 'users', key: 'user:42', value });
      expect(read.body.ttlMs).toBeGreaterThan(0);
      expect(read.body.ttlMs).toBeLessThanOrEqual(60_000);

      await http(0).delete('/v1/cache/entries/users/user%3A42').set(writer).expect(204);
      await waitFor(async () => (await http(1).get('/v1/cache/entries/users/user%3A42').set(reader)).status === 404, 'the delete to reach the other instance');
      const gone = await http(1).get('/v1/cache/entries/users/user%3A42').set(reader);
      expect(gone.headers['content-type']).toContain('application/problem+json');
      expect(gone.body).toMatchObject({ status: 404, code: 'CACHE.ENTRY_NOT_FOUND' });
    });

    it('invalidates by keys, tags and pattern', async () => {
      for (const key of ['a', 'b', 'p1', 'p2']) {
        await http().put(`/v1/cache/entries/inv/${key}`).set(writer).send({ value: key, tags: key === 'b' ? ['bee'] : [] }).expect(200);
      }

      expect((await http().post('/v1/cache/invalidate').set(writer).send({ keys: ['inv:a'] })).body).toEqual({ deleted: 1 });
      expect((await http().post('/v1/cache/invalidate').set(writer).send({ tags: ['bee'] })).body).toEqual({ deleted: 1 });
      expect((await http().post('/v1/cache/invalidate').set(writer).send({ pattern: 'inv:p*' })).body).toEqual({ deleted: 2 });
      for (const key of ['a', 'b', 'p1', 'p2']) {
        expect((await http().get(`/v1/cache/entries/inv/${key}`).set(reader)).status).toBe(404);
      }
    });

    it.each([
      ['a key with a control character', (): request.Test => http().put('/v1/cache/entries/ns/a%0Ab').set(writer).send({ value: 1 }), 400],
      ['a key too long', (): request.Test => http().get(`/v1/cache/entries/ns/${'k'.repeat(513)}`).set(reader), 400],
      ['a bad namespace', (): request.Test => http().get('/v1/cache/entries/a%20b/k').set(reader), 400],
      ['a value over CACHE_MAX_VALUE_BYTES', (): request.Test => http().put('/v1/cache/entries/ns/big').set(writer).send({ value: 'x'.repeat(5_000) }), 413],
      ['no value', (): request.Test => http().put('/v1/cache/entries/ns/k').set(writer).send({ ttlMs: 5 }), 400],
      ['a TTL of zero', (): request.Test => http().put('/v1/cache/entries/ns/k').set(writer).send({ value: 1, ttlMs: 0 }), 400],
      ['two invalidation kinds at once', (): request.Test => http().post('/v1/cache/invalidate').set(writer).send({ keys: ['ns:k'], tags: ['t'] }), 400],
      ['a pattern with a character class', (): request.Test => http().post('/v1/cache/invalidate').set(writer).send({ pattern: 'ns:[ab]' }), 400],
      ['a key without namespace', (): request.Test => http().post('/v1/cache/invalidate').set(writer).send({ keys: ['nocolon'] }), 400],
    ])('refuses %s with a problem+json 4xx', async (_, send, status) => {
      const response = await send();

      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status });
      expect(response.text).not.toMatch(/at .*\.ts:\d+/);
    });

    it('needs cache:write to change entries', async () => {
      expect((await http().put('/v1/cache/entries/ns/k').set(reader).send({ value: 1 })).status).toBe(403);
      expect((await http().post('/v1/cache/invalidate').set(reader).send({ keys: ['ns:k'] })).status).toBe(403);
    });
  });

  describe('stats, metrics and readiness', () => {
    it('reports per-tier hits, L1 size and L2 latency', async () => {
      await http().get('/cache-fixtures/catalogue?page=stats').set(reader);
      await http().get('/cache-fixtures/catalogue?page=stats').set(reader);

      const stats = (await http().get('/v1/cache/stats').set(reader)).body;
      expect(stats.l1.hits).toBeGreaterThan(0);
      expect(stats.l1.entries).toBeGreaterThan(0);
      expect(stats.l2).toMatchObject({ configured: true, state: 'closed' });
      expect(stats.l2.latency.samples).toBeGreaterThan(0);
      expect(stats.l2.latency.p50Ms).toBeGreaterThan(0);
    });

    it('exports the cache metrics, L1 lookup durations sampled', async () => {
      const users = apps[0]!.get(CacheService).namespace('metrics');
      await users.set('k', 1);
      for (let lookup = 0; lookup < 1_100; lookup++) {
        await users.get('k');
      }
      const text = (await http().get('/metrics')).text;

      expect(text).toMatch(/^bulwark_cache_operation_duration_seconds_count\{tier="l1",op="get"\} [1-9]/m);
      for (const series of ['bulwark_cache_requests_total{tier="l1",result="hit"}', 'bulwark_cache_l1_entries', 'bulwark_cache_l1_bytes', 'bulwark_cache_invalidations_total{kind="tags"}', 'bulwark_cache_operation_duration_seconds_bucket{le="0.001",tier="l2",op="get"}']) {
        expect(text).toContain(series);
      }
    });

    it('shows the cache as up in /health/ready', async () => {
      const ready = await http().get('/health/ready');

      expect(ready.status).toBe(200);
      expect(ready.body.info?.cache ?? ready.body.details?.cache).toMatchObject({ status: 'up', l2: 'ok' });
    });
  });
});
