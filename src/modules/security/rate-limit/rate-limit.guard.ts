import { MemoizedReflector } from '@app/common';
import { AppConfig } from '@app/config';
import { Injectable, type ExecutionContext } from '@nestjs/common';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { Request, Response } from 'express';

import { SecurityException, SecurityExceptionCode } from '../security.exception.js';
import { rateLimitHeaders, retryAfterSeconds } from './rate-limit-headers.js';
import { RATE_LIMIT_OVERRIDE_KEY } from './rate-limit.decorators.js';
import { RateLimitMetrics } from './rate-limit.metrics.js';
import { trackerOf } from './rate-limit.policy.js';
import { ShadowLog } from './shadow-log.js';

/**
 * @nestjs/throttler's guard with Bulwark's policy: the budget is the principal's (or the client IP's), limits
 * follow the tier (see rate-limit.module.ts), IETF RateLimit headers, 429 as problem+json, and shadow mode.
 * Runs after the auth guard, which has put the principal on the request.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private readonly shadowLog = new ShadowLog();

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: MemoizedReflector,
    private readonly config: AppConfig,
    private readonly metrics: RateLimitMetrics,
  ) {
    super(options, storage, reflector);
  }

  /** HTTP only: other transports have no client IP or response headers to work with. */
  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    return Promise.resolve(context.getType() !== 'http');
  }

  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    return Promise.resolve(trackerOf(request as unknown as Request));
  }

  /** `http:<tracker>` shares one budget across routes; a route with its own `@RateLimit` gets its own bucket. */
  protected override generateKey(context: ExecutionContext, tracker: string, name: string): string {
    const overridden = this.reflector.getAllAndOverride<boolean | undefined>(RATE_LIMIT_OVERRIDE_KEY, [context.getHandler(), context.getClass()]);
    return overridden ? `http:${name}:${context.getClass().name}.${context.getHandler().name}:${tracker}` : `http:${name}:${tracker}`;
  }

  protected override async handleRequest({ context, limit, ttl, throttler, blockDuration, getTracker, generateKey }: ThrottlerRequest): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const name = throttler.name ?? 'default';
    const tracker = await getTracker(request, context);
    const key = generateKey(context, tracker, name);
    const record = await this.storageService.increment(key, ttl, limit, blockDuration, name);
    response.set(rateLimitHeaders(limit, record));
    if (!record.isBlocked) {
      this.metrics.decision('allowed', 'guard');
      return true;
    }
    if (this.config.rateLimit.shadow) {
      this.metrics.decision('shadow_limited', 'guard');
      this.shadowLog.record(tracker, request.method, (request.route as { path?: string } | undefined)?.path ?? request.path);
      return true;
    }
    this.metrics.decision('limited', 'guard');
    await this.throwThrottlingException(context, { ...record, limit, ttl, key, tracker });
    return false;
  }

  protected override throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new SecurityException(SecurityExceptionCode.RATE_LIMITED, `Rate limit of ${detail.limit} requests per ${detail.ttl} ms exceeded.`, {
      headers: { 'Retry-After': retryAfterSeconds(detail) },
    });
  }
}
