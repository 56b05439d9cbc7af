import type { ThrottlerStorage } from '@nestjs/throttler';

/** One rate-limit question: may `cost` more units pass under `limit` per `windowMs`? */
export interface RateLimitRequest {
  limit: number;
  windowMs: number;
  cost: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  /** Units of cost 1 that would still pass right now. */
  remaining: number;
  /** Milliseconds until the whole limit is available again. */
  resetMs: number;
  /** Milliseconds until this request would pass (0 when allowed). */
  retryAfterMs: number;
}

/** A backend that keeps the limiter's state: in memory (one instance) or Redis (shared). */
export interface RateLimitStrategy {
  consume(key: string, request: RateLimitRequest): Promise<RateLimitDecision>;
}

/** Microseconds since the epoch, as an integer: the limiter's clock (faked in tests). */
export type MicrosecondClock = () => number;

export const systemClock: MicrosecondClock = () => Math.floor((performance.timeOrigin + performance.now()) * 1000);

/** @nestjs/throttler's storage record (its package does not export the name). */
export type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;
