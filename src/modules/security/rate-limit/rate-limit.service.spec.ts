import { MetricsRegistry } from '@app/common';
import { InMemoryRateLimitStrategy } from './in-memory-rate-limit.strategy.js';
import { RateLimitMetrics } from './rate-limit.metrics.js';
import { RateLimitService } from './rate-limit.service.js';
import { RateLimitStorage } from './rate-limit.storage.js';

function setup() {
  const registry = new MetricsRegistry();
  const metrics = new RateLimitMetrics(registry);
  // A clock that stands still: the answers below are exact.
  const strategy = new InMemoryRateLimitStrategy({ clock: () => 1_700_000_000_000_000 });
  const storage = new RateLimitStorage(strategy, null, 'open', metrics);
  return { registry, storage, service: new RateLimitService(metrics, storage) };
}

describe(RateLimitService.name, () => {
  describe('check', () => {
    it('spends cost from the named bucket and answers allowed, remaining, resetMs and retryAfterMs', async () => {
      const { service } = setup();
      await expect(service.check({ key: 'tenant-1', limit: 10, windowMs: 1000, cost: 4 })).resolves.toEqual({
        allowed: true,
        remaining: 6,
        resetMs: 400,
        retryAfterMs: 0,
      });
      await expect(service.check({ key: 'tenant-1', limit: 10, windowMs: 1000, cost: 7 })).resolves.toMatchObject({ allowed: false, remaining: 6, retryAfterMs: 100 });
    });

    it("keeps callers' keys apart from the HTTP limiter's buckets", async () => {
      const { service, storage } = setup();
      await service.check({ key: 'http:default:ip:203.0.113.1', limit: 1, windowMs: 60_000, cost: 1 });
      await expect(storage.consume('http:default:ip:203.0.113.1', { limit: 1, windowMs: 60_000, cost: 1 })).resolves.toMatchObject({ allowed: true });
    });

    it('counts its decisions apart from the guard', async () => {
      const { service, registry } = setup();
      await service.check({ key: 'k', limit: 1, windowMs: 60_000, cost: 1 });
      await service.check({ key: 'k', limit: 1, windowMs: 60_000, cost: 1 });
      const metric = await registry.getSingleMetric('bulwark_security_rate_limit_decisions_total')!.get();
      const bySource = metric.values.map((value) => [value.labels.outcome, value.labels.source, value.value]);
      expect(bySource).toEqual(expect.arrayContaining([['allowed', 'check_api', 1], ['limited', 'check_api', 1]]));
    });
  });
});
