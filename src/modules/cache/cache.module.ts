import { RedisConnection, SHARED_CACHE } from '@app/common';
import { AppConfig } from '@app/config';
import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';

import { CacheController } from './api/cache.controller.js';
import { CacheHealthIndicator } from './cache.health.js';
import { CacheLifecycle } from './cache.lifecycle.js';
import { CacheMetrics } from './cache.metrics.js';
import { CacheService } from './cache.service.js';
import { createCacheService } from './cache.factory.js';
import { HttpCacheInterceptor } from './http/http-cache.interceptor.js';

/**
 * Ambient infrastructure (like config and the database): any module can inject CacheService, or SHARED_CACHE
 * (@app/common) where importing this module would close a cycle.
 */
@Global()
@Module({
  controllers: [CacheController],
  exports: [CacheHealthIndicator, CacheService, SHARED_CACHE],
  imports: [TerminusModule],
  providers: [
    CacheHealthIndicator,
    CacheLifecycle,
    CacheMetrics,
    { provide: APP_INTERCEPTOR, useClass: HttpCacheInterceptor },
    { provide: CacheService, inject: [AppConfig, RedisConnection, CacheMetrics], useFactory: createCacheService },
    { provide: SHARED_CACHE, useExisting: CacheService },
  ],
})
export class CacheModule {}
