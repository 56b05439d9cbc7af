import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';

import { CacheService } from './cache.service.js';

/**
 * The cache never fails readiness: with the L2 breaker open it reports `degraded` (L1 and grace copies serve)
 * and recovers by itself when Redis answers again.
 */
@Injectable()
export class CacheHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly cache: CacheService,
  ) {}

  check(key = 'cache'): HealthIndicatorResult {
    const indicator = this.health.check(key);
    const stats = this.cache.stats();
    const l1 = { entries: stats.l1.entries, bytes: stats.l1.bytes };
    if (!stats.l2.configured) {
      return indicator.up({ l1, l2: 'not configured: L1 only' });
    }
    if (stats.l2.state === 'closed') {
      return indicator.up({ l1, l2: 'ok' });
    }
    return indicator.degraded({ l1, l2: `breaker ${stats.l2.state}: Redis failing, serving L1 and grace copies` });
  }
}
