import { RedisConnection } from '@app/common';
import { AppConfig } from '@app/config';
import { Global, Module } from '@nestjs/common';

import { CacheHealthIndicator } from './cache.health.js';
import { CacheLifecycle } from './cache.lifecycle.js';
import { CacheMetrics } from './cache.metrics.js';
import { CacheService } from './cache.service.js';
import { createCacheService } from './cache.factory.js';

/** Ambient infrastructure (like config and the database): any module can inject CacheService. */
@Global()
@Module({
  exports: [CacheHealthIndicator, CacheService],
  providers: [
    CacheHealthIndicator,
    CacheLifecycle,
    CacheMetrics,
    { provide: CacheService, inject: [AppConfig, RedisConnection, CacheMetrics], useFactory: createCacheService },
  ],
})
export class CacheModule {}
