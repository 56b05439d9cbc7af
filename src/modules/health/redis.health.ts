import { RedisConnection } from '@app/common';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';

const PING_TIMEOUT_MS = 500;

/**
 * Optional dependency: Redis down only degrades (cache serves L1, limiter goes local), so readiness stays 200
 * with status `degraded`. Not configured is a normal single-instance setup and reported as such.
 */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly redis: RedisConnection,
  ) {}

  async check(key = 'redis'): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    if (!this.redis.configured) {
      return indicator.up({ configured: false, message: 'not configured: in-memory cache and limiter' });
    }
    try {
      const rtt = await this.redis.ping(PING_TIMEOUT_MS);
      return indicator.up({ configured: true, responseTimeMs: Math.round(rtt) });
    } catch (error) {
      return indicator.degraded({
        configured: true,
        state: this.redis.state,
        message: `unreachable (${error instanceof Error ? error.message : 'error'}); serving from local fallbacks`,
      });
    }
  }
}
