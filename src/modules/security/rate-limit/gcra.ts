import type { RateLimitDecision, RateLimitRequest } from './rate-limit.types.js';

export interface GcraResult extends RateLimitDecision {
  /** Theoretical arrival time to store (µs); unchanged when denied. Stale (≤ now) means the key can be forgotten. */
  tatUs: number;
}

/** floor(a / b) for non-negative integers, exact even where the float quotient rounds up. */
function floorDiv(a: number, b: number): number {
  const quotient = Math.floor(a / b);
  return quotient * b > a ? quotient - 1 : quotient;
}

const toMs = (us: number): number => Math.ceil(us / 1000);

/**
 * GCRA (generic cell rate algorithm): `limit` requests may burst at once, then one more every `windowMs / limit`.
 * State is one timestamp per key (the theoretical arrival time), so a decision is O(1), and there is no window
 * edge where 2× the limit passes as with fixed-window counters. Integer microseconds throughout so this and the
 * Lua copy in redis-gcra.script.ts decide identically.
 */
export function gcra(storedTatUs: number | undefined, nowUs: number, request: RateLimitRequest): GcraResult {
  const windowUs = request.windowMs * 1000;
  // Rounded down so that `limit` requests always fit in a burst.
  const intervalUs = Math.max(1, Math.floor(windowUs / request.limit));
  const tat = Math.max(storedTatUs ?? nowUs, nowUs);
  const newTat = tat + request.cost * intervalUs;
  const allowAt = newTat - windowUs;
  if (allowAt > nowUs) {
    return {
      allowed: false,
      limit: request.limit,
      remaining: Math.max(0, floorDiv(nowUs - (tat - windowUs), intervalUs)),
      resetMs: toMs(tat - nowUs),
      retryAfterMs: toMs(allowAt - nowUs),
      tatUs: tat,
    };
  }
  return {
    allowed: true,
    limit: request.limit,
    remaining: floorDiv(nowUs - allowAt, intervalUs),
    resetMs: toMs(newTat - nowUs),
    retryAfterMs: 0,
    tatUs: newTat,
  };
}
