import { MetricsRegistry } from '@app/common';
import { SecurityException, SecurityExceptionCode } from '../security.exception.js';
import { InMemoryRateLimitStrategy } from './in-memory-rate-limit.strategy.js';
import { RateLimitMetrics } from './rate-limit.metrics.js';
import { RateLimitStorage, STORE_TIMEOUT_COOLDOWN_MS } from './rate-limit.storage.js';
import type { RateLimitDecision, RateLimitRequest, RateLimitStrategy } from './rate-limit.types.js';

/** A shared store that can be switched to failing, like Redis going away. */
class SwitchableStrategy implements RateLimitStrategy {
  down = false;
  /** Down by hanging until the command timeout instead of refusing. */
  hanging = false;
  calls = 0;
  readonly inner = new InMemoryRateLimitStrategy();

  consume(key: string, request: RateLimitRequest): Promise<RateLimitDecision> {
    this.calls++;
    if (this.hanging) {
      return Promise.reject(new Error('Command timed out'));
    }
    return this.down ? Promise.reject(new Error('Connection is closed.')) : this.inner.consume(key, request);
  }
}

async function failures(registry: MetricsRegistry, action: string): Promise<number> {
  const metric = await registry.getSingleMetric('bulwark_security_rate_limit_store_failures_total')!.get();
  return metric.values.find((value) => value.labels.action === action)?.value ?? 0;
}

const request = { limit: 2, windowMs: 60_000, cost: 1 };

function setup(policy: 'open' | 'closed') {
  const registry = new MetricsRegistry();
  const shared = new SwitchableStrategy();
  const fallback = new InMemoryRateLimitStrategy();
  const clock = { now: 1_000_000 };
  const storage = new RateLimitStorage(shared, fallback, policy, new RateLimitMetrics(registry), () => clock.now);
  return { registry, shared, fallback, storage, clock };
}

describe(RateLimitStorage.name, () => {
  describe('consume with onStoreFailure=open', () => {
    it('decides with the shared store while it answers', async () => {
      const { shared, storage, fallback } = setup('open');
      await storage.consume('k', request);
      expect(shared.calls).toBe(1);
      expect(fallback.size).toBe(0);
    });

    it('falls back to the per-instance limiter when the store fails, still limiting, and counts each fallback', async () => {
      const { registry, shared, storage } = setup('open');
      shared.down = true;
      const decisions = [await storage.consume('k', request), await storage.consume('k', request), await storage.consume('k', request)];
      expect(decisions.map((d) => d.allowed)).toEqual([true, true, false]);
      expect(await failures(registry, 'fallback')).toBe(3);
    });

    it('returns to the shared store when it recovers', async () => {
      const { registry, shared, storage } = setup('open');
      shared.down = true;
      await storage.consume('k', request);
      shared.down = false;
      const decision = await storage.consume('k', request);
      expect(decision).toMatchObject({ allowed: true, remaining: 1 });
      expect(shared.calls).toBe(2);
      expect(await failures(registry, 'fallback')).toBe(1);
    });
  });

  describe('consume when the store hangs', () => {
    it('stops asking it for a second after a timeout, deciding with the fallback, then tries it again', async () => {
      const { registry, shared, storage, clock } = setup('open');
      shared.hanging = true;
      await storage.consume('k', request);
      await storage.consume('k', request);
      expect(shared.calls).toBe(1);
      expect(await failures(registry, 'fallback')).toBe(2);

      shared.hanging = false;
      clock.now += STORE_TIMEOUT_COOLDOWN_MS;
      await expect(storage.consume('k', request)).resolves.toMatchObject({ allowed: true, remaining: 1 });
      expect(shared.calls).toBe(2);
    });

    it('keeps asking a store that fails fast (disconnected): it costs nothing and notices recovery at once', async () => {
      const { shared, storage } = setup('open');
      shared.down = true;
      await storage.consume('k', request);
      await storage.consume('k', request);
      expect(shared.calls).toBe(2);
    });
  });

  describe('consume with onStoreFailure=closed', () => {
    it('rejects with 503 RATE_LIMIT_STORE_UNAVAILABLE and Retry-After, counted', async () => {
      const { registry, shared, storage, fallback } = setup('closed');
      shared.down = true;
      const error = await storage.consume('k', request).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SecurityException);
      expect(error).toMatchObject({ code: SecurityExceptionCode.RATE_LIMIT_STORE_UNAVAILABLE, status: 503, headers: { 'Retry-After': '1' } });
      expect(fallback.size).toBe(0);
      expect(await failures(registry, 'rejected')).toBe(1);
    });
  });

  describe('consume without a shared store', () => {
    it('lets errors of the only store through (there is nothing to fall back to)', async () => {
      const shared = new SwitchableStrategy();
      shared.down = true;
      const storage = new RateLimitStorage(shared, null, 'open', new RateLimitMetrics(new MetricsRegistry()));
      await expect(storage.consume('k', request)).rejects.toThrow('Connection is closed.');
    });
  });

  describe('increment', () => {
    it("answers in @nestjs/throttler's record shape, times in seconds", async () => {
      const { storage } = setup('open');
      expect(await storage.increment('k', 60_000, 2)).toEqual({ totalHits: 1, timeToExpire: 30, isBlocked: false, timeToBlockExpire: 0 });
      await storage.increment('k', 60_000, 2);
      expect(await storage.increment('k', 60_000, 2)).toEqual({ totalHits: 2, timeToExpire: 60, isBlocked: true, timeToBlockExpire: 30 });
    });
  });
});
