import { testRedisUrl } from '@app/testing';
import { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';

import { cachePrefix, openCache, type CacheInstance } from '../support/cache-instance.js';
import { TcpProxy, viaPort } from '../support/tcp-proxy.js';
import { waitFor } from '../support/wait-for.js';

const opened: CacheInstance[] = [];
const closers: (() => Promise<unknown>)[] = [];

async function instances(count: number, env: Record<string, string> = {}): Promise<CacheInstance[]> {
  const prefix = cachePrefix();
  const list = await Promise.all(Array.from({ length: count }, () => openCache({ REDIS_URL: testRedisUrl(), CACHE_KEY_PREFIX: prefix, ...env })));
  opened.push(...list);
  return list;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((instance) => instance.close()));
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe('CacheService across instances (L1 + Redis L2)', () => {
  it('back-fills L1 from an L2 hit', async () => {
    const [a, b] = await instances(2);
    await a!.cache.namespace('users').set('u1', { name: 'Mary' });

    await expect(b!.cache.namespace('users').get('u1')).resolves.toEqual({ name: 'Mary' });
    expect(b!.cache.stats().l2).toMatchObject({ hits: 1 });
    expect(b!.cache.tiers.l1.get('users:u1', Date.now())?.value).toEqual({ name: 'Mary' });
  });

  it("drops the other instance's L1 copy within 100 ms of a set, delete, tag or pattern invalidation", async () => {
    const [a, b] = await instances(2);
    const inL1OfB = (key: string): unknown => b!.cache.tiers.l1.get(key, Date.now())?.value;
    const users = a!.cache.namespace('users');
    await users.setMany([
      { key: 'u1', value: 1 },
      { key: 'u2', value: 2, options: { tags: ['team:1'] } },
      { key: 'p:3', value: 3 },
      { key: 'u4', value: 4 },
    ]);
    await b!.cache.namespace('users').getMany(['u1', 'u2', 'p:3', 'u4']);
    expect(['users:u1', 'users:u2', 'users:p:3', 'users:u4'].map(inL1OfB)).toEqual([1, 2, 3, 4]);

    await users.set('u1', 10);
    await waitFor(() => inL1OfB('users:u1') === undefined, 'the set to reach the other L1', 100);
    await a!.cache.invalidateTags(['team:1']);
    await waitFor(() => inL1OfB('users:u2') === undefined, 'the tag invalidation to reach the other L1', 100);
    await a!.cache.invalidatePattern('users:p:*');
    await waitFor(() => inL1OfB('users:p:3') === undefined, 'the pattern invalidation to reach the other L1', 100);
    await users.delete('u4');
    await waitFor(() => inL1OfB('users:u4') === undefined, 'the delete to reach the other L1', 100);
    await expect(b!.cache.namespace('users').get('u1')).resolves.toBe(10);
  });

  it('runs the loader once for 1,000 concurrent cold calls spread over two instances', async () => {
    const [a, b] = await instances(2);
    let runs = 0;
    const loader = async (): Promise<string> => {
      runs += 1;
      await sleep(100);
      return 'value';
    };

    const calls = Array.from({ length: 1_000 }, (_, i) => (i % 2 === 0 ? a! : b!).cache.namespace('hot').getOrSet('k', loader));
    const values = await Promise.all(calls);

    expect(runs).toBe(1);
    expect(new Set(values)).toEqual(new Set(['value']));
  });

  it('does not load again when another instance stores the value between its L2 read and its lock', async () => {
    const [a, b] = await instances(2);
    const tier = b!.cache.tiers.shared!.tier;
    const tryLock = tier.tryLock.bind(tier);
    let interleaved = false;
    // The other instance's load finishes (value stored, lock free) exactly in the gap the race needs.
    tier.tryLock = async (key, token, ttlMs) => {
      if (!interleaved) {
        interleaved = true;
        await a!.cache.namespace('hot').set('k', 'from a');
      }
      return tryLock(key, token, ttlMs);
    };
    let runs = 0;
    const loader = (): Promise<string> => {
      runs += 1;
      return Promise.resolve('from b');
    };

    await expect(b!.cache.namespace('hot').getOrSet('k', loader)).resolves.toBe('from a');
    expect([interleaved, runs]).toEqual([true, 0]);
    await expect(b!.cache.namespace('hot').getOrSet('k', loader)).resolves.toBe('from a');
    expect(runs).toBe(0);
  });

  it("takes over a load whose holder failed instead of waiting out the lock's TTL, and fails no faster caller", async () => {
    // A lock TTL far beyond the test's timeout: waiting it out would fail the test.
    const [a, b] = await instances(2, { CACHE_LOCK_TTL_MS: '600000' });
    const runs: string[] = [];
    let failHolder!: () => void;
    const holderLoading = new Promise<void>((resolve) => {
      failHolder = resolve;
    });
    const holder = a!.cache.namespace('keys').getOrSet('k1', async () => {
      runs.push('a');
      await holderLoading;
      throw new Error('database down');
    });
    await waitFor(() => runs.length === 1, 'the first instance to start loading');
    const waiter = b!.cache.namespace('keys').getOrSet('k1', () => {
      runs.push('b');
      return Promise.resolve('from b');
    });
    await sleep(100);
    expect(runs).toEqual(['a']);

    failHolder();

    await expect(holder).rejects.toThrow('database down');
    await expect(waiter).resolves.toBe('from b');
    expect(runs).toEqual(['a', 'b']);
    await expect(a!.cache.namespace('keys').get('k1')).resolves.toBe('from b');
  });

  it('stores msgpack behind a marker, Brotli above the threshold, with the TTL plus grace in Redis', async () => {
    const [a] = await instances(1);
    const redis = new Redis(testRedisUrl());
    closers.push(() => redis.quit());
    const users = a!.cache.namespace('users');
    await users.set('small', { n: 1 }, { ttl: 60_000, grace: 30_000 });
    await users.set('large', { text: 'abc '.repeat(5_000) }, { ttl: 60_000 });
    const prefix = (a!.cache.tiers.shared!.tier.redisKey('')).slice(0, -1);

    const [small, large, ttl] = await Promise.all([redis.getBuffer(`${prefix}:users:small`), redis.getBuffer(`${prefix}:users:large`), redis.pttl(`${prefix}:users:small`)]);

    expect(String.fromCharCode(small![0]!)).toBe('m');
    expect(String.fromCharCode(large![0]!)).toBe('b');
    expect(large!.length).toBeLessThan(5_000);
    expect(ttl).toBeGreaterThan(80_000);
    expect(ttl).toBeLessThanOrEqual(90_000);
  });

  it('reads 100 L1-missing keys with one MGET', async () => {
    const [a, b] = await instances(2);
    const keys = Array.from({ length: 100 }, (_, i) => `k${i}`);
    await a!.cache.namespace('bulk').setMany(keys.map((key, i) => ({ key, value: i })));
    const prefix = a!.cache.tiers.shared!.tier.redisKey('bulk:');
    const observer = new Redis(testRedisUrl());
    const monitor = await observer.monitor();
    closers.push(() => Promise.resolve(monitor.disconnect()), () => observer.quit());
    const commands: string[][] = [];
    monitor.on('monitor', (_time: string, args: string[]) => {
      if (args.some((arg) => arg.startsWith(prefix))) {
        commands.push(args);
      }
    });
    await sleep(50);

    const values = await b!.cache.namespace('bulk').getMany(keys);
    await sleep(100);

    expect(values).toEqual(keys.map((_, i) => i));
    expect(commands.map(([name]) => name?.toLowerCase())).toEqual(['mget']);
    expect(commands[0]).toHaveLength(101);
  });
});

describe('CacheService when Redis fails', () => {
  it('fails no call, serves L1 and grace copies, opens the breaker, and recovers when Redis returns', async () => {
    const target = new URL(testRedisUrl());
    const proxy = new TcpProxy(target.hostname, Number(target.port || 6379));
    const port = await proxy.start();
    closers.push(() => proxy.stop());
    const prefix = cachePrefix();
    const env = { REDIS_URL: viaPort(testRedisUrl(), port), CACHE_KEY_PREFIX: prefix, CACHE_BREAKER_FAILURES: '3', CACHE_BREAKER_HALF_OPEN_MS: '200', CACHE_L2_TIMEOUT_MS: '100' };
    const instance = await openCache(env);
    opened.push(instance);
    const { cache } = instance;
    const users = cache.namespace('users');
    await users.set('fresh', 'kept', { ttl: 60_000 });
    await users.set('expiring', 'old', { ttl: 100, grace: 60_000 });

    await proxy.stop();
    const failures: unknown[] = [];
    const results: unknown[] = [];
    const deadline = Date.now() + 600;
    while (Date.now() < deadline) {
      const round = await Promise.allSettled([
        users.get('fresh'),
        users.getOrSet('expiring', () => Promise.reject(new Error('source down'))),
        users.set('written', 'while down'),
        users.getMany(['fresh', 'never']),
      ]);
      failures.push(...round.filter((outcome) => outcome.status === 'rejected'));
      results.push(...round.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : undefined)));
      await sleep(20);
    }

    expect(failures).toEqual([]);
    expect(results).toContain('kept');
    expect(results).toContain('old');
    expect(cache.stats().l2).toMatchObject({ configured: true, state: expect.stringMatching(/open|half-open/) });
    expect(cache.stats().graceServed).toBeGreaterThan(0);

    await proxy.start(port);
    await waitFor(async () => {
      await users.get('probe');
      return cache.stats().l2.configured && (cache.stats().l2 as { state: string }).state === 'closed';
    }, 'the breaker to close again');
    const other = await openCache({ ...env, REDIS_URL: testRedisUrl() });
    opened.push(other);
    // The breaker closes on the first read that succeeds; the write connection reconnects on its own schedule, and a
    // write it drops meanwhile is only a cache miss. Writes reach Redis again once it is back.
    await waitFor(async () => {
      await users.set('after', 'back');
      return (await other.cache.namespace('users').get('after')) === 'back';
    }, 'a write made after recovery to reach Redis');
  });
});
