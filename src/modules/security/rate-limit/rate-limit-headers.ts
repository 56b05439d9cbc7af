import type { ThrottlerStorageRecord } from './rate-limit.types.js';

/**
 * The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers) for one decision: the limit, what is
 * left of it, and seconds until all of it is back.
 */
export function rateLimitHeaders(limit: number, record: ThrottlerStorageRecord): Record<string, string> {
  return {
    'RateLimit-Limit': String(limit),
    'RateLimit-Remaining': String(Math.max(0, limit - record.totalHits)),
    'RateLimit-Reset': String(Math.max(0, record.timeToExpire)),
  };
}

/** Whole seconds for Retry-After, at least 1 (0 would invite an immediate retry that fails again). */
export function retryAfterSeconds(record: ThrottlerStorageRecord): string {
  return String(Math.max(1, record.timeToBlockExpire));
}
