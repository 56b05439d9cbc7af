import { createRedisClient } from '@app/common';
import { testRedisUrl } from '@app/testing';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';

import { MemoryWindowCounter } from '../../src/modules/security/ip-blocks/auto-block/memory-window-counter.js';
import { RedisWindowCounter } from '../../src/modules/security/ip-blocks/auto-block/redis-window-counter.js';
import { windowCounterContract } from '../support/window-counter.contract.js';

let redis: Redis;

beforeAll(() => {
  redis = createRedisClient(testRedisUrl(), 2_000, { enableOfflineQueue: true });
});

afterAll(async () => {
  await redis.quit();
});

windowCounterContract(MemoryWindowCounter.name, (windowMs) => new MemoryWindowCounter(windowMs));
windowCounterContract(RedisWindowCounter.name, (windowMs) => new RedisWindowCounter(redis, windowMs));

describe(`${RedisWindowCounter.name} across instances`, () => {
  it('shares counts, and exactly one of many concurrent callers sees the threshold', async () => {
    const key = `shared-${randomUUID()}`;
    const instances = [new RedisWindowCounter(redis, 60_000), new RedisWindowCounter(redis, 60_000), new RedisWindowCounter(redis, 60_000)];
    const now = Date.now();
    const results = await Promise.all(Array.from({ length: 30 }, (_, index) => instances[index % 3]!.hit(key, 30, now)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('sets an expiry on its keys so idle addresses leave Redis', async () => {
    const key = `ttl-${randomUUID()}`;
    const now = Date.now();
    await new RedisWindowCounter(redis, 60_000).hit(key, 100, now);
    const [stored] = await redis.keys(`*{${key}}*`);
    expect(stored).toBeDefined();
    const ttl = await redis.pttl(stored!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(120_000);
  });
});
