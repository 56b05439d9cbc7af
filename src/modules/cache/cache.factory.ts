import { createRedisClient, RedisConnection } from '@app/common';
import { AppConfig } from '@app/config';
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { InvalidationBus } from './bus/invalidation-bus.js';
import { CacheMetrics } from './cache.metrics.js';
import { CacheService } from './cache.service.js';
import { CacheTiers, type SharedTier } from './core/cache-tiers.js';
import { EntryCodec } from './core/entry-codec.js';
import { L1Cache } from './core/l1-cache.js';
import { LatencyWindow } from './core/latency-window.js';
import { L2Breaker } from './l2/l2-breaker.js';
import { createCacheClient } from './l2/redis-cache-client.js';
import { RedisTier } from './l2/redis-tier.js';

const logger = new Logger('Cache');

/**
 * Builds the cache from config: L1 always; L2, the breaker and the invalidation bus only with `REDIS_URL`
 * (single-instance mode otherwise, where L1 is the whole cache and there is no one to tell).
 */
export function createCacheService(config: AppConfig, redis: RedisConnection, metrics: CacheMetrics): CacheService {
  const settings = config.cache;
  const codec = new EntryCodec(settings.compressThresholdBytes);
  const l1 = new L1Cache(settings.l1);
  let shared: SharedTier | null = null;
  if (config.redis.url !== undefined) {
    const latency = new LatencyWindow();
    const breaker = new L2Breaker(
      { ...settings.breaker, timeoutMs: settings.l2TimeoutMs },
      metrics.l2Observer(latency, (state) => {
        // Once per transition, not per failed call.
        if (state === 'open') {
          logger.warn('L2 cache breaker open: Redis is failing; serving L1 and grace copies');
        } else if (state === 'closed') {
          logger.log('L2 cache breaker closed: Redis answers again');
        }
      }),
    );
    // Its errors surface as rejected reads, which the breaker counts; the connection retries by itself.
    const reader = createRedisClient(config.redis.url, settings.l2TimeoutMs, { connectionName: 'bulwark-cache-read' }).on('error', () => undefined);
    const tier = new RedisTier(createCacheClient(config.redis.url, settings.l2TimeoutMs), codec, settings.keyPrefix, reader);
    shared = { tier, breaker, latency };
  }
  let service: CacheService | null = null;
  const bus =
    redis.client === null
      ? null
      : new InvalidationBus(redis.client, () => redis.duplicate(), `${settings.keyPrefix}~invalidate`, randomUUID(), {
          apply: (invalidation) => service?.applyRemote(invalidation),
          resynchronize: () => service?.applyRemote({ all: true }),
        });
  const tiers = new CacheTiers(l1, shared, bus, codec);
  service = new CacheService(tiers, codec, { ttlMs: settings.defaultTtlMs, graceMs: settings.defaultGraceMs, lockTtlMs: settings.lockTtlMs }, settings.maxValueBytes);
  metrics.watch({ counters: tiers.counters, l1, breakerState: () => shared?.breaker.state ?? null });
  tiers.onL1Sample = metrics.l1Sampler();
  return service;
}
