import { RedisConnection } from '@app/common';
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

/** Ambient infrastructure (like config and the database): any module can inject CacheService. */
@Global()
@Module({
  controllers: [CacheController],
  exports: [CacheHealthIndicator, CacheService],
  imports: [TerminusModule],
  providers: [
    CacheHealthIndicator,
    CacheLifecycle,
    CacheMetrics,
    { provide: APP_INTERCEPTOR, useClass: HttpCacheInterceptor },
    { provide: CacheService, inject: [AppConfig, RedisConnection, CacheMetrics], useFactory: createCacheService },
  ],
})
export class CacheModule {}
