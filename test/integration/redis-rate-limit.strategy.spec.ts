import { createRedisClient } from '@app/common';
import { testRedisUrl } from '@app/testing';
import { jest } from '@jest/globals';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';

import { gcra } from '../../src/modules/security/rate-limit/gcra.js';
import { RedisRateLimitStrategy } from '../../src/modules/security/rate-limit/redis-rate-limit.strategy.js';
import type { RateLimitRequest } from '../../src/modules/security/rate-limit/rate-limit.types.js';
import { rateLimitStrategyContract } from '../support/rate-limit-strategy.contract.js';
import { waitFor } from '../support/wait-for.js';

// Booting apps and taking Redis down and up takes seconds on a busy machine (a bound on hangs, not a timing check).
jest.setTimeout(30_000);

const SECOND = 1_000_000;
const clients: Redis[] = [];

function client(): Redis {
  const redis = createRedisClient(testRedisUrl(), 2_000, { enableOfflineQueue: true });
  clients.push(redis);
  return redis;
}

/** A key prefix of this test's own, so parallel files sharing the Redis never meet. */
const prefix = (): string => `bulwark:test:rl:${randomUUID()}:`;

afterAll(async () => {
  await Promise.all(clients.map((redis) => redis.quit()));
});

describe(RedisRateLimitStrategy.name, () => {
  describe('the rate-limit strategy contract', () => {
    rateLimitStrategyContract((clock) => new RedisRateLimitStrategy(client(), prefix(), clock));
  });

  describe('consume', () => {
    it('decides exactly as gcra() does, step by step, for bursts, steady rate, costs and idle gaps', async () => {
      let now = 1_700_000_000 * SECOND;
      const strategy = new RedisRateLimitStrategy(client(), prefix(), () => now);
      const script: Array<[advanceUs: number, request: RateLimitRequest]> = [
        ...Array.from({ length: 8 }, (): [number, RateLimitRequest] => [0, { limit: 7, windowMs: 60_000, cost: 1 }]),
        [4_000_000, { limit: 7, windowMs: 60_000, cost: 1 }],
        [4_600_000, { limit: 7, windowMs: 60_000, cost: 1 }],
        [20_000_000, { limit: 7, windowMs: 60_000, cost: 3 }],
        [0, { limit: 7, windowMs: 60_000, cost: 1 }],
        [120_000_000, { limit: 7, windowMs: 60_000, cost: 7 }],
        [1, { limit: 7, windowMs: 60_000, cost: 8 }],
      ];
      let tat: number | undefined;
      for (const [advance, request] of script) {
        now += advance;
        const expected = gcra(tat, now, request);
        tat = expected.allowed ? expected.tatUs : tat;
        const { tatUs: _tat, ...decision } = expected;
        await expect(strategy.consume('k', request)).resolves.toEqual(decision);
      }
    });

    it.each([
      ['a burst that fits', 12, 5, 1],
      ['a burst past the limit', 5, 9, 1],
      ['costs above 1, part refused', 10, 6, 3],
    ])('decides the requests of one turn for one bucket in one script run, as gcra() would one by one (%s)', async (_case, limit, count, cost) => {
      const now = 1_700_000_000 * SECOND;
      const redis = client();
      const strategy = new RedisRateLimitStrategy(redis, prefix(), () => now);
      const request = { limit, windowMs: 60_000, cost };
      await strategy.consume('k', { ...request, cost: 1 }); // one unit already taken: the batch starts mid-bucket
      const sent = jest.spyOn(redis, 'call');
      const decisions = await Promise.all(Array.from({ length: count }, () => strategy.consume('k', request)));
      let tat: number | undefined = gcra(undefined, now, { ...request, cost: 1 }).tatUs;
      const expected = Array.from({ length: count }, () => {
        const { tatUs, ...decision } = gcra(tat, now, request);
        tat = decision.allowed ? tatUs : tat;
        return decision;
      });
      expect(decisions).toEqual(expected);
      expect(sent.mock.calls.filter(([command]) => command === 'evalsha')).toHaveLength(1);
      sent.mockRestore();
    });

    it('decides different buckets of one turn separately', async () => {
      const strategy = new RedisRateLimitStrategy(client(), prefix());
      const decisions = await Promise.all([
        strategy.consume('a', { limit: 1, windowMs: 60_000, cost: 1 }),
        strategy.consume('b', { limit: 1, windowMs: 60_000, cost: 1 }),
        strategy.consume('a', { limit: 1, windowMs: 60_000, cost: 1 }),
      ]);
      expect(decisions.map((d) => [d.allowed, d.remaining])).toEqual([
        [true, 0],
        [true, 0],
        [false, 0],
      ]);
    });

    it("uses Redis' own clock when none is given", async () => {
      const strategy = new RedisRateLimitStrategy(client(), prefix());
      const decisions = [];
      for (let i = 0; i < 4; i++) {
        decisions.push(await strategy.consume('k', { limit: 3, windowMs: 3_600_000, cost: 1 }));
      }
      expect(decisions.map((d) => [d.allowed, d.remaining])).toEqual([
        [true, 2],
        [true, 1],
        [true, 0],
        [false, 0],
      ]);
      expect(decisions[3]!.retryAfterMs).toBeGreaterThan(0);
    });

    it('stores one key per bucket that expires once its limit would be whole again', async () => {
      const redis = client();
      const keyPrefix = prefix();
      const strategy = new RedisRateLimitStrategy(redis, keyPrefix);
      const decision = await strategy.consume('short', { limit: 10, windowMs: 200, cost: 5 });
      const ttl = await redis.pttl(`${keyPrefix}short`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(decision.resetMs);
      await waitFor(async () => (await redis.exists(`${keyPrefix}short`)) === 0, 'the bucket key to expire');
      await expect(strategy.consume('short', { limit: 10, windowMs: 200, cost: 1 })).resolves.toMatchObject({ allowed: true, remaining: 9 });
    });

    it('loads the script with EVAL when Redis has lost it (NOSCRIPT), then goes on with EVALSHA', async () => {
      const redis = client();
      const strategy = new RedisRateLimitStrategy(redis, prefix());
      await redis.script('FLUSH');
      await expect(strategy.consume('k', { limit: 2, windowMs: 60_000, cost: 1 })).resolves.toMatchObject({ allowed: true, remaining: 1 });
      await expect(strategy.consume('k', { limit: 2, windowMs: 60_000, cost: 1 })).resolves.toMatchObject({ allowed: true, remaining: 0 });
    });

    it('lets no more than the limit through to many concurrent callers on several connections', async () => {
      const keyPrefix = prefix();
      const strategies = Array.from({ length: 4 }, () => new RedisRateLimitStrategy(client(), keyPrefix));
      const request = { limit: 100, windowMs: 3_600_000, cost: 1 };
      const decisions = await Promise.all(Array.from({ length: 400 }, (_, i) => strategies[i % strategies.length]!.consume('shared', request)));
      expect(decisions.filter((d) => d.allowed)).toHaveLength(100);
    });
  });
});
