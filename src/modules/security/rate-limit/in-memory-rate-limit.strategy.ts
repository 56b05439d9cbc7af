import { gcra } from './gcra.js';
import { systemClock, type MicrosecondClock, type RateLimitDecision, type RateLimitRequest, type RateLimitStrategy } from './rate-limit.types.js';

export interface InMemoryRateLimitOptions {
  /** Keys kept at most; past it the least recently used one goes (it only gets a fresh burst back). */
  maxKeys?: number;
  clock?: MicrosecondClock;
}

/** Stale keys looked at per decision: bounded work, yet faster than keys can be created (one per decision). */
const EVICTIONS_PER_DECISION = 2;

/**
 * Per-instance limiter state: one timestamp per key in a Map kept in least-recently-used order, so every
 * decision is O(1) and stale keys are dropped from the front a couple at a time, with no scan and no timer. A live
 * key at the front (a longer window than its neighbours) pauses that until it goes stale; `maxKeys` bounds memory.
 */
export class InMemoryRateLimitStrategy implements RateLimitStrategy {
  private readonly tats = new Map<string, number>();
  private readonly maxKeys: number;
  private readonly clock: MicrosecondClock;

  constructor(options: InMemoryRateLimitOptions = {}) {
    this.maxKeys = options.maxKeys ?? 1_000_000;
    this.clock = options.clock ?? systemClock;
  }

  get size(): number {
    return this.tats.size;
  }

  consume(key: string, request: RateLimitRequest): Promise<RateLimitDecision> {
    return Promise.resolve(this.consumeNow(key, request));
  }

  consumeNow(key: string, request: RateLimitRequest): RateLimitDecision {
    const now = this.clock();
    this.evictStale(now);
    const stored = this.tats.get(key);
    const result = gcra(stored, now, request);
    if (result.allowed) {
      // Re-inserting moves the key to the back: the front holds the keys touched longest ago.
      this.tats.delete(key);
      this.tats.set(key, result.tatUs);
      if (this.tats.size > this.maxKeys) {
        this.evictFront();
      }
    }
    const { tatUs: _tat, ...decision } = result;
    return decision;
  }

  private evictStale(now: number): void {
    for (let i = 0; i < EVICTIONS_PER_DECISION; i++) {
      const oldest = this.tats.entries().next();
      if (oldest.done || oldest.value[1] > now) {
        return;
      }
      this.tats.delete(oldest.value[0]);
    }
  }

  private evictFront(): void {
    const oldest = this.tats.keys().next();
    if (!oldest.done) {
      this.tats.delete(oldest.value);
    }
  }
}
