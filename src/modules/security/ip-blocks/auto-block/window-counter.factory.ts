import type { RedisConnection } from '@app/common';
import type { AppConfig } from '@app/config';
import { Logger } from '@nestjs/common';

import type { IpBlocksMetrics } from '../ip-blocks.metrics.js';
import { FailoverWindowCounter } from './failover-window-counter.js';
import { MemoryWindowCounter } from './memory-window-counter.js';
import { RedisWindowCounter } from './redis-window-counter.js';
import type { WindowCounter } from './window-counter.js';

const logger = new Logger('AutoBlockCounter');

/** Redis when configured (instances share counts), falling back to memory while it is down; else memory. */
export function createWindowCounter(config: AppConfig, redis: RedisConnection, metrics: IpBlocksMetrics): WindowCounter {
  const windowMs = config.ipBlocking.windowMs;
  const memory = new MemoryWindowCounter(windowMs);
  if (!redis.client) {
    return memory;
  }
  return new FailoverWindowCounter(new RedisWindowCounter(redis.client, windowMs), memory, (error) => {
    metrics.syncFailed('count');
    logger.warn(`Counting towards automatic blocks in memory while Redis fails: ${String(error)}`);
  });
}
