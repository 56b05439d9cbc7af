import { AppConfig } from '@app/config';
import { Module, type ExecutionContext } from '@nestjs/common';
import { ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request } from 'express';

import { principalOf } from '../auth/principal.js';
import { RateLimitStorageModule } from './rate-limit-storage.module.js';
import { RateLimitController } from './rate-limit.controller.js';
import { limitFor } from './rate-limit.policy.js';
import { RateLimitService } from './rate-limit.service.js';
import { RateLimitStorage } from './rate-limit.storage.js';

/** One throttler whose limit is resolved per request from the principal's tier, over Bulwark's storage. */
export function throttlerOptions(config: AppConfig, storage: RateLimitStorage): ThrottlerModuleOptions {
  const limit = (context: ExecutionContext): number => limitFor(principalOf(context.switchToHttp().getRequest<Request>()), config.rateLimit.limits);
  return { storage, throttlers: [{ limit, name: 'default', ttl: config.rateLimit.windowMs }] };
}

/**
 * Rate limiting on @nestjs/throttler (GCRA over Redis or memory) and `POST /v1/rate-limits/check`. The guard,
 * `RateLimitGuard`, is registered globally by the security module, after authentication.
 */
@Module({
  controllers: [RateLimitController],
  exports: [RateLimitStorageModule],
  imports: [
    RateLimitStorageModule,
    ThrottlerModule.forRootAsync({ imports: [RateLimitStorageModule], inject: [AppConfig, RateLimitStorage], useFactory: throttlerOptions }),
  ],
  providers: [RateLimitService],
})
export class RateLimitModule {}
