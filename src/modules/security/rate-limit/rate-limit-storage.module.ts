import { RedisConnection } from '@app/common';
import { AppConfig } from '@app/config';
import { Module } from '@nestjs/common';

import { InMemoryRateLimitStrategy } from './in-memory-rate-limit.strategy.js';
import { RateLimitMetrics } from './rate-limit.metrics.js';
import { RateLimitStorage } from './rate-limit.storage.js';
import { RedisRateLimitStrategy } from './redis-rate-limit.strategy.js';

/** Redis when configured (the in-memory strategy then backs it up when it fails), else in memory alone. */
export function createRateLimitStorage(config: AppConfig, redis: RedisConnection, metrics: RateLimitMetrics): RateLimitStorage {
  const memory = new InMemoryRateLimitStrategy();
  if (!redis.client) {
    return new RateLimitStorage(memory, null, config.rateLimit.onStoreFailure, metrics);
  }
  return new RateLimitStorage(new RedisRateLimitStrategy(redis.client), memory, config.rateLimit.onStoreFailure, metrics);
}

@Module({
  exports: [RateLimitMetrics, RateLimitStorage],
  providers: [RateLimitMetrics, { inject: [AppConfig, RedisConnection, RateLimitMetrics], provide: RateLimitStorage, useFactory: createRateLimitStorage }],
})
export class RateLimitStorageModule {}
