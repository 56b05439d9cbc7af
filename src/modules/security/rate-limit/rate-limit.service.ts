import { Inject, Injectable } from '@nestjs/common';

import type { CheckRateLimitDto } from './dto/check-rate-limit.dto.js';
import type { RateLimitDecisionDto } from './dto/rate-limit-decision.dto.js';
import { RateLimitMetrics } from './rate-limit.metrics.js';
import { RateLimitStorage } from './rate-limit.storage.js';

/** The decision API: the HTTP limiter's storage and algorithm, for other services' own keys. */
@Injectable()
export class RateLimitService {
  constructor(
    private readonly metrics: RateLimitMetrics,
    @Inject(RateLimitStorage) private readonly storage: RateLimitStorage,
  ) {}

  async check(request: CheckRateLimitDto): Promise<RateLimitDecisionDto> {
    // Its own namespace: a caller can neither read nor spend the HTTP limiter's buckets.
    const decision = await this.storage.consume(`check:${request.key}`, { limit: request.limit, windowMs: request.windowMs, cost: request.cost });
    this.metrics.decision(decision.allowed ? 'allowed' : 'limited', 'check_api');
    return { allowed: decision.allowed, remaining: decision.remaining, resetMs: decision.resetMs, retryAfterMs: decision.retryAfterMs };
  }
}
