import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

import { SecurityException, SecurityExceptionCode } from '../security.exception.js';
import type { RateLimitMetrics } from './rate-limit.metrics.js';
import type { RateLimitDecision, RateLimitRequest, RateLimitStrategy, ThrottlerStorageRecord } from './rate-limit.types.js';

export type StoreFailurePolicy = 'open' | 'closed';

/** After a store timeout, how long to decide without asking it (ms): a store that hangs must not slow every request. */
export const STORE_TIMEOUT_COOLDOWN_MS = 1000;

/** ioredis' error for a command that got no answer within the command timeout. */
const isTimeout = (error: unknown): boolean => error instanceof Error && error.message === 'Command timed out';

/**
 * The limiter's one storage, for the guard (through @nestjs/throttler's `ThrottlerStorage`) and the decision API.
 * With a shared store it adds the failure policy: when the store errors, `open` decides with the per-instance
 * fallback, `closed` rejects with 503; either way counted, and logged once per outage. A disconnected Redis
 * fails at once; one that stops answering costs a command timeout, so after a timeout the store is left alone for
 * a second (a circuit breaker) instead of making each request wait for it.
 */
export class RateLimitStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimit');
  private degraded = false;
  private skipPrimaryUntil = 0;

  constructor(
    private readonly primary: RateLimitStrategy,
    /** Null when the primary is already the in-memory store (single-instance mode). */
    private readonly fallback: RateLimitStrategy | null,
    private readonly policy: StoreFailurePolicy,
    private readonly metrics: RateLimitMetrics,
    private readonly now: () => number = Date.now,
  ) {}

  async consume(key: string, request: RateLimitRequest): Promise<RateLimitDecision> {
    if (!this.fallback) {
      return this.primary.consume(key, request);
    }
    if (this.now() < this.skipPrimaryUntil) {
      return this.onStoreFailure(this.fallback, key, request, new Error('store timed out recently; not asking it yet'));
    }
    let decision: RateLimitDecision;
    try {
      decision = await this.primary.consume(key, request);
    } catch (error) {
      if (isTimeout(error)) {
        this.skipPrimaryUntil = this.now() + STORE_TIMEOUT_COOLDOWN_MS;
      }
      return this.onStoreFailure(this.fallback, key, request, error);
    }
    if (this.degraded) {
      this.degraded = false;
      this.logger.log('Rate-limit store is back; deciding with it again');
    }
    return decision;
  }

  /** @nestjs/throttler's contract: a cost-1 decision, in its record's shape (times in seconds). */
  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const decision = await this.consume(key, { limit, windowMs: ttl, cost: 1 });
    return {
      totalHits: decision.limit - decision.remaining,
      timeToExpire: Math.ceil(decision.resetMs / 1000),
      isBlocked: !decision.allowed,
      timeToBlockExpire: Math.ceil(decision.retryAfterMs / 1000),
    };
  }

  private onStoreFailure(fallback: RateLimitStrategy, key: string, request: RateLimitRequest, error: unknown): Promise<RateLimitDecision> {
    if (!this.degraded) {
      this.degraded = true;
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Rate-limit store failed (${reason}); ${this.policy === 'open' ? 'limiting per instance' : 'rejecting'} until it returns`);
    }
    if (this.policy === 'closed') {
      this.metrics.storeFailure('rejected');
      throw new SecurityException(SecurityExceptionCode.RATE_LIMIT_STORE_UNAVAILABLE, 'Rate limiting is unavailable; try again shortly.', {
        headers: { 'Retry-After': '1' },
        cause: error,
      });
    }
    this.metrics.storeFailure('fallback');
    return fallback.consume(key, request);
  }
}
