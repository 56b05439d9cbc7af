import { TurnPipeline } from '@app/common';
import type { Redis } from 'ioredis';

import { GCRA_SCRIPT, GCRA_SCRIPT_SHA } from './redis-gcra.script.js';
import type { MicrosecondClock, RateLimitDecision, RateLimitRequest, RateLimitStrategy } from './rate-limit.types.js';

type GcraReply = [number, number, number, number];

/**
 * Shared limiter state in Redis: one EVALSHA per decision (EVAL once after a restart flushed the script cache). The
 * decisions of one event-loop turn go out as one pipeline.
 */
export class RedisRateLimitStrategy implements RateLimitStrategy {
  private readonly pipeline: TurnPipeline;

  constructor(
    private readonly client: Redis,
    private readonly prefix = 'bulwark:rl:',
    /** Only tests pass a clock; production uses Redis' TIME so instances with skewed clocks still agree. */
    private readonly clock?: MicrosecondClock,
  ) {
    this.pipeline = new TurnPipeline(client);
  }

  async consume(key: string, request: RateLimitRequest): Promise<RateLimitDecision> {
    const args = [request.limit, request.windowMs, request.cost, this.clock ? this.clock() : ''];
    const [allowed, remaining, resetUs, retryAfterUs] = await this.run(this.prefix + key, args);
    return {
      allowed: allowed === 1,
      limit: request.limit,
      remaining,
      resetMs: Math.ceil(resetUs / 1000),
      retryAfterMs: Math.ceil(retryAfterUs / 1000),
    };
  }

  private async run(key: string, args: Array<number | string>): Promise<GcraReply> {
    try {
      return (await this.pipeline.call('evalsha', [GCRA_SCRIPT_SHA, 1, key, ...args])) as GcraReply;
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('NOSCRIPT')) {
        return (await this.client.eval(GCRA_SCRIPT, 1, key, ...args)) as GcraReply;
      }
      throw error;
    }
  }
}
