import type { RedisConnection } from '@app/common';
import { Logger } from '@nestjs/common';

import { FailoverLoginThrottleStore } from './failover-login-throttle.store.js';
import type { LoginThrottleStore } from './login-throttle.store.js';
import { MemoryLoginThrottleStore } from './memory-login-throttle.store.js';
import { RedisLoginThrottleStore } from './redis-login-throttle.store.js';

const logger = new Logger('LoginThrottle');

/** Redis when configured (every instance sees the same counts), memory while it fails; memory alone without it. */
export function createLoginThrottleStore(redis: RedisConnection): LoginThrottleStore {
  const memory = new MemoryLoginThrottleStore();
  if (!redis.client) {
    return memory;
  }
  return new FailoverLoginThrottleStore(new RedisLoginThrottleStore(redis.client), memory, (error) => {
    logger.warn(`Counting login attempts in memory while Redis fails: ${String(error)}`);
  });
}
