import { MetricsRegistry, RedisConnection } from '@app/common';
import { testConfig } from '@app/testing';
import { randomUUID } from 'node:crypto';

import { CacheMetrics } from '../../src/modules/cache/cache.metrics.js';
import { createCacheService } from '../../src/modules/cache/cache.factory.js';
import type { CacheService } from '../../src/modules/cache/index.js';
import { waitFor } from './wait-for.js';

export interface CacheInstance {
  cache: CacheService;
  redis: RedisConnection;
  close(): Promise<void>;
}

/** A key prefix of a test's own, so tests share one Redis without seeing each other's keys or messages. */
export function cachePrefix(): string {
  return `test-cache:${randomUUID()}`;
}

/**
 * One instance's cache as the app builds it (same factory), with `env` as configuration. With REDIS_URL it waits
 * (unless told not to) until the invalidation channel is subscribed and L2 answers, so a test starts from a working
 * instance.
 */
export async function openCache(env: Record<string, string>, options: { awaitRedis?: boolean } = {}): Promise<CacheInstance> {
  const config = testConfig(env);
  const redis = new RedisConnection(config);
  const cache = createCacheService(config, redis, new CacheMetrics(new MetricsRegistry()));
  await cache.tiers.bus?.start();
  const shared = cache.tiers.shared;
  if (shared !== null && (options.awaitRedis ?? true)) {
    await waitFor(() => shared.tier.ping().then(() => true, () => false), 'the L2 connection');
  }
  return {
    cache,
    redis,
    async close() {
      await cache.tiers.bus?.stop();
      await cache.tiers.shared?.tier.close();
      await redis.onApplicationShutdown();
    },
  };
}
