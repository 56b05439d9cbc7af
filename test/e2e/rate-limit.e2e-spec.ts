import { Public, RedisConnection } from '@app/common';
import { testDatabase, testRedisUrl, type TestDatabase } from '@app/testing';
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { jest } from '@jest/globals';
import request from 'supertest';

import { Scope, Tier } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { bearer, issueApiKey } from '../support/principals.js';
import { TcpProxy, viaPort } from '../support/tcp-proxy.js';
import { waitFor } from '../support/wait-for.js';

// Booting apps and taking Redis down and up takes seconds on a busy machine (a bound on hangs, not a timing check).
jest.setTimeout(30_000);

@Public()
@Controller('rate-limit-fixture')
class RateLimitFixtureController {
  @Get()
  ping(): { ok: true } {
    return { ok: true };
  }
}

/** A client address of this test's own (sent through a trusted proxy), so tests sharing one Redis never meet. */
const freshIp = (): string => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

const ping = (app: INestApplication, forwardedFor?: string): request.Test => {
  const call = request(app.getHttpServer()).get('/rate-limit-fixture');
  return forwardedFor ? call.set('X-Forwarded-For', forwardedFor) : call;
};

async function statuses(app: INestApplication, times: number, forwardedFor?: () => string): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < times; i++) {
    result.push((await ping(app, forwardedFor?.())).status);
  }
  return result;
}

async function storeFailures(app: INestApplication, action: 'fallback' | 'rejected'): Promise<number> {
  const metrics = await request(app.getHttpServer()).get('/metrics');
  const line = new RegExp(`^bulwark_security_rate_limit_store_failures_total\\{action="${action}"\\} (\\d+)$`, 'm').exec(metrics.text);
  return line ? Number(line[1]) : 0;
}

describe('rate limiting over HTTP', () => {
  let db: TestDatabase;
  const apps: INestApplication[] = [];
  const boot = async (env: Record<string, string>): Promise<INestApplication> => {
    const app = await bootApp({ DATABASE_URL: db.url, ...env }, [RateLimitFixtureController]);
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    db = await testDatabase();
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  afterAll(async () => {
    await db.drop();
  });

  describe('anonymous callers (single instance, in memory)', () => {
    it('are limited by IP with RateLimit headers, then get 429 problem+json with Retry-After', async () => {
      const app = await boot({ RATE_LIMIT_ANONYMOUS: '3', RATE_LIMIT_WINDOW_MS: '60000' });
      const allowed = [await ping(app), await ping(app), await ping(app)];
      expect(allowed.map((response) => response.status)).toEqual([200, 200, 200]);
      expect(allowed.map((response) => response.headers['ratelimit-remaining'])).toEqual(['2', '1', '0']);
      expect(allowed[0]!.headers['ratelimit-limit']).toBe('3');
      expect(Number(allowed[0]!.headers['ratelimit-reset'])).toBeGreaterThan(0);

      const limited = await ping(app);
      expect(limited.status).toBe(429);
      expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(limited.body).toMatchObject({ status: 429, code: 'SECURITY.RATE_LIMITED', instance: '/rate-limit-fixture' });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(limited.headers['ratelimit-remaining']).toBe('0');
      expect(limited.headers['x-request-id']).toBeDefined();
    });

    it('never limits probes or /metrics, even for a caller whose budget is spent', async () => {
      const app = await boot({ RATE_LIMIT_ANONYMOUS: '1' });
      await ping(app);
      expect((await ping(app)).status).toBe(429);
      for (const path of ['/health/live', '/health/ready', '/health/startup', '/metrics', '/health/live', '/metrics']) {
        const response = await request(app.getHttpServer()).get(path);
        expect([path, response.status]).toEqual([path, 200]);
        expect(response.headers['ratelimit-limit']).toBeUndefined();
      }
    });
  });

  describe('callers with API keys (after authentication)', () => {
    it("are limited at their tier's limit by key, apart from each other and from anonymous callers on the same IP", async () => {
      const app = await boot({ RATE_LIMIT_ANONYMOUS: '10', RATE_LIMIT_FREE: '2', RATE_LIMIT_PRO: '4' });
      const [free, otherFree, pro] = [
        await issueApiKey(app, { tier: Tier.FREE }),
        await issueApiKey(app, { tier: Tier.FREE }),
        await issueApiKey(app, { tier: Tier.PRO }),
      ];
      const withKey = async (key: string, times: number): Promise<number[]> => {
        const result: number[] = [];
        for (let i = 0; i < times; i++) {
          result.push((await ping(app).set(bearer(key))).status);
        }
        return result;
      };
      const first = await ping(app).set(bearer(free));
      expect(first.headers['ratelimit-limit']).toBe('2');
      expect(await withKey(free, 2)).toEqual([200, 429]);
      expect(await withKey(otherFree, 3)).toEqual([200, 200, 429]);
      expect(await withKey(pro, 5)).toEqual([200, 200, 200, 200, 429]);
      expect((await ping(app)).headers['ratelimit-limit']).toBe('10');
    });
  });

  describe('client IP behind proxies', () => {
    it('ignores X-Forwarded-For from an untrusted peer (TRUST_PROXY empty): spoofing it gives no fresh limit', async () => {
      const app = await boot({ RATE_LIMIT_ANONYMOUS: '2', TRUST_PROXY: '' });
      expect(await statuses(app, 5, freshIp)).toEqual([200, 200, 429, 429, 429]);
    });

    it('follows X-Forwarded-For from a trusted proxy CIDR: each client has its own budget', async () => {
      const app = await boot({ RATE_LIMIT_ANONYMOUS: '2', TRUST_PROXY: '127.0.0.1/8' });
      const [first, second] = [freshIp(), freshIp()];
      expect(await statuses(app, 3, () => first)).toEqual([200, 200, 429]);
      expect(await statuses(app, 2, () => second)).toEqual([200, 200]);
    });

    it('with a hop count trusts only that many proxies: the address the nearest proxy saw counts', async () => {
      const app = await boot({ RATE_LIMIT_ANONYMOUS: '2', TRUST_PROXY: '1' });
      const client = freshIp();
      // The leftmost entry is whatever the client claimed; with one trusted hop only the rightmost one counts.
      expect(await statuses(app, 3, () => `${freshIp()}, ${client}`)).toEqual([200, 200, 429]);
    });
  });

  describe('three instances sharing one Redis', () => {
    it('let through the global limit N ± 1% when hammered across all three', async () => {
      const env = { REDIS_URL: testRedisUrl(), RATE_LIMIT_ANONYMOUS: '300', RATE_LIMIT_WINDOW_MS: '3600000', TRUST_PROXY: '127.0.0.1/8' };
      const instances = [await boot(env), await boot(env), await boot(env)];
      await Promise.all(instances.map((app) => waitFor(() => app.get(RedisConnection).state === 'ready', 'Redis to be ready')));
      const client = freshIp();
      const all: number[] = [];
      for (let round = 0; round < 20; round++) {
        const batch = await Promise.all(Array.from({ length: 30 }, (_, i) => ping(instances[i % 3]!, client)));
        all.push(...batch.map((response) => response.status));
      }
      const allowed = all.filter((status) => status === 200).length;
      expect(all.filter((status) => status !== 200 && status !== 429)).toEqual([]);
      expect(allowed).toBeGreaterThanOrEqual(297);
      expect(allowed).toBeLessThanOrEqual(303);
    }, 60_000);
  });

  describe('Redis going away and coming back', () => {
    let proxy: TcpProxy;

    beforeEach(async () => {
      const redis = new URL(testRedisUrl());
      proxy = new TcpProxy(redis.hostname, Number(redis.port || 6379));
      await proxy.start();
    });

    afterEach(async () => {
      // Close the apps while Redis is still reachable, so their connections end cleanly.
      await Promise.all(apps.splice(0).map((app) => app.close()));
      await proxy.stop();
    });

    const bootBehindProxy = async (onStoreFailure: 'open' | 'closed'): Promise<INestApplication> => {
      const app = await boot({
        REDIS_URL: viaPort(testRedisUrl(), proxy.port),
        REDIS_COMMAND_TIMEOUT_MS: '500',
        // A day's window: one unit comes back every 86 s, so no refill happens during the test.
        RATE_LIMIT_ANONYMOUS: '1000',
        RATE_LIMIT_ON_STORE_FAILURE: onStoreFailure,
        RATE_LIMIT_WINDOW_MS: '86400000',
        TRUST_PROXY: '127.0.0.1/8',
      });
      await waitFor(() => app.get(RedisConnection).state === 'ready', 'Redis to be ready');
      return app;
    };

    it('fails open: keeps serving on the per-instance limiter, counts it, and returns to Redis when it is back', async () => {
      const app = await bootBehindProxy('open');
      const client = freshIp();
      expect((await ping(app, client)).status).toBe(200);
      expect(await storeFailures(app, 'fallback')).toBe(0);

      await proxy.stop();
      const during = [await ping(app, client), await ping(app, client), await ping(app, client)];
      expect(during.map((response) => response.status)).toEqual([200, 200, 200]);
      expect(during[2]!.headers['ratelimit-limit']).toBe('1000');
      expect(await storeFailures(app, 'fallback')).toBe(3);

      await proxy.start();
      await waitFor(() => app.get(RedisConnection).state === 'ready', 'Redis to be back');
      // A command caught by the cut may have timed out and paused asking Redis for a second; wait that out.
      let after: request.Response | undefined;
      await waitFor(async () => {
        const before = await storeFailures(app, 'fallback');
        after = await ping(app, client);
        return (await storeFailures(app, 'fallback')) === before;
      }, 'decisions to come from Redis again');
      expect(after!.status).toBe(200);
      // Redis remembers the one request it saw before the outage; the fallback's are not in it.
      expect(after!.headers['ratelimit-remaining']).toBe('998');
    });

    it('fails closed when configured: 503 problem+json RATE_LIMIT_STORE_UNAVAILABLE, then recovers', async () => {
      const app = await bootBehindProxy('closed');
      const client = freshIp();
      expect((await ping(app, client)).status).toBe(200);

      await proxy.stop();
      const during = await ping(app, client);
      expect(during.status).toBe(503);
      expect(during.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(during.body).toMatchObject({ code: 'SECURITY.RATE_LIMIT_STORE_UNAVAILABLE' });
      expect(during.headers['retry-after']).toBe('1');
      expect(await storeFailures(app, 'rejected')).toBe(1);
      expect((await request(app.getHttpServer()).get('/health/live')).status).toBe(200);

      await proxy.start();
      await waitFor(() => app.get(RedisConnection).state === 'ready', 'Redis to be back');
      await waitFor(async () => (await ping(app, client)).status === 200, 'requests to pass again');
    });
  });

  describe('POST /v1/rate-limits/check', () => {
    it('decides for an internal service with the rate-limit:check scope, spending cost from its bucket', async () => {
      const app = await boot({});
      const key = await issueApiKey(app, { scopes: [Scope.RATE_LIMIT_CHECK] });
      const bucket = `tenant-${freshIp()}`;
      const check = (cost: number) =>
        request(app.getHttpServer()).post('/v1/rate-limits/check').set(bearer(key)).send({ key: bucket, limit: 5, windowMs: 60_000, cost });
      const first = await check(3);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ allowed: true, remaining: 2, resetMs: 36_000, retryAfterMs: 0 });
      const second = await check(3);
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ allowed: false, remaining: 2 });
      expect(second.body.retryAfterMs).toBeGreaterThan(0);
      expect((await check(2)).body).toMatchObject({ allowed: true, remaining: 0 });
    });

    it('refuses callers without the scope (403) and bad input (400 naming the fields)', async () => {
      const app = await boot({});
      const other = await issueApiKey(app, { scopes: [Scope.CACHE_READ] });
      const allowedKey = await issueApiKey(app, { scopes: [Scope.RATE_LIMIT_CHECK] });
      const body = { key: 'k', limit: 5, windowMs: 60_000 };
      expect((await request(app.getHttpServer()).post('/v1/rate-limits/check').set(bearer(other)).send(body)).status).toBe(403);
      const bad = await request(app.getHttpServer())
        .post('/v1/rate-limits/check')
        .set(bearer(allowedKey))
        .send({ key: 'has space', limit: 0, windowMs: 'soon', cost: -1 });
      expect(bad.status).toBe(400);
      const fields = (bad.body.errors as Array<{ field: string }>).map((error) => error.field);
      expect([...new Set(fields)].sort()).toEqual(['cost', 'key', 'limit', 'windowMs']);
    });
  });
});
