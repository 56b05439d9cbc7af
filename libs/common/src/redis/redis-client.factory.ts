import { Redis, type RedisOptions } from 'ioredis';

const MAX_RECONNECT_DELAY_MS = 5_000;

/** Reconnect delay for attempt `n`: exponential from 50 ms, capped, with full jitter so instances don't stampede. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_RECONNECT_DELAY_MS, 50 * 2 ** Math.min(attempt, 16));
  return Math.max(50, Math.round(ceiling * random()));
}

/**
 * The one way Bulwark builds an ioredis client. Commands fail fast while disconnected (no offline queue, one
 * retry) so callers degrade at once instead of piling up; the connection itself retries for ever.
 */
export function createRedisClient(url: string, commandTimeoutMs: number, overrides: RedisOptions = {}): Redis {
  return new Redis(url, {
    connectionName: 'bulwark',
    connectTimeout: Math.max(commandTimeoutMs, 2_000),
    commandTimeout: commandTimeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => reconnectDelay(attempt),
    ...overrides,
  });
}
