import { HealthIndicatorService } from '@nestjs/terminus';

import { CacheHealthIndicator } from './cache.health.js';
import type { CacheService } from './cache.service.js';
import type { CacheStats } from './cache-stats.js';

function indicatorWith(l2: CacheStats['l2']): CacheHealthIndicator {
  const stats = { l1: { hits: 0, misses: 0, hitRatio: null, entries: 3, bytes: 300 }, l2 } as CacheStats;
  return new CacheHealthIndicator(new HealthIndicatorService(), { stats: () => stats } as unknown as CacheService);
}

const latency = { samples: 0, p50Ms: null, p95Ms: null, p99Ms: null };

describe(CacheHealthIndicator.name, () => {
  it('is up with L1 only when Redis is not configured', () => {
    expect(indicatorWith({ configured: false }).check()).toEqual({ cache: { status: 'up', l1: { entries: 3, bytes: 300 }, l2: 'not configured: L1 only' } });
  });

  it('is up while the breaker is closed', () => {
    expect(indicatorWith({ configured: true, state: 'closed', hits: 0, misses: 0, hitRatio: null, errors: 0, latency }).check().cache?.status).toBe('up');
  });

  it.each(['open', 'half-open'] as const)('is degraded, not down, while the breaker is %s', (state) => {
    const result = indicatorWith({ configured: true, state, hits: 0, misses: 0, hitRatio: null, errors: 5, latency }).check();

    expect(result.cache).toMatchObject({ status: 'degraded', l2: expect.stringContaining(`breaker ${state}`) });
  });
});
