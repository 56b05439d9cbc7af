import type { LoginThrottleStore, ThrottleKey } from './login-throttle.store.js';
import { throttleDelayMs } from './throttle-policy.js';

interface Counter {
  attempts: number;
  untilMs: number;
  expiresMs: number;
}

/**
 * Per-instance counters (no Redis, or while it is down). Bounded: past `maxKeys`, the least recently touched
 * counters go first, so a flood of distinct accounts or addresses cannot grow memory without limit.
 */
export class MemoryLoginThrottleStore implements LoginThrottleStore {
  private readonly counters = new Map<string, Counter>();

  constructor(private readonly maxKeys = 100_000) {}

  get size(): number {
    return this.counters.size;
  }

  attempt(keys: readonly ThrottleKey[], nowMs: number): Promise<number> {
    const wait = Math.max(0, ...keys.map(({ key }) => (this.live(key, nowMs)?.untilMs ?? 0) - nowMs));
    if (wait > 0) {
      return Promise.resolve(wait);
    }
    for (const { key, policy } of keys) {
      const attempts = (this.live(key, nowMs)?.attempts ?? 0) + 1;
      const delay = throttleDelayMs(policy, attempts);
      this.touch(key, { attempts, untilMs: delay > 0 ? nowMs + delay : 0, expiresMs: nowMs + Math.max(policy.idleResetMs, delay) });
    }
    return Promise.resolve(0);
  }

  succeeded(reset: string, refund: string): Promise<void> {
    this.counters.delete(reset);
    const counter = this.counters.get(refund);
    if (counter) {
      counter.attempts = Math.max(0, counter.attempts - 1);
      counter.untilMs = 0;
    }
    return Promise.resolve();
  }

  private live(key: string, nowMs: number): Counter | undefined {
    const counter = this.counters.get(key);
    if (counter && counter.expiresMs <= nowMs) {
      this.counters.delete(key);
      return undefined;
    }
    return counter;
  }

  private touch(key: string, counter: Counter): void {
    this.counters.delete(key);
    this.counters.set(key, counter);
    while (this.counters.size > this.maxKeys) {
      const oldest = this.counters.keys().next().value;
      if (oldest === undefined) {
        break;
      }
      this.counters.delete(oldest);
    }
  }
}
