import { reconnectDelay } from '@app/common';
import { Logger } from '@nestjs/common';
import { createClient, type RedisClientType } from '@keyv/redis';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- node-redis' own spelling of "no modules, functions or scripts"
export type RedisCacheClient = RedisClientType<{}, {}, {}, 2, {}>;

/**
 * The L2 tier's node-redis client (the one @keyv/redis drives). Like the shared ioredis client it fails commands at
 * once while disconnected (no offline queue); the connection itself retries for ever with jittered backoff.
 * Commands are bounded by the L2 breaker's timer, not node-redis' `commandOptions.timeout`: that one creates an
 * AbortSignal.timeout per command which outlives the reply, and doubled the CPU cost of an L2 hit (bench/cache).
 */
export function createCacheClient(url: string, timeoutMs: number, logger = new Logger('CacheRedis')): RedisCacheClient {
  const client = createClient({
    url,
    name: 'bulwark-cache',
    disableOfflineQueue: true,
    socket: { connectTimeout: Math.max(timeoutMs, 2_000), reconnectStrategy: (retries: number) => reconnectDelay(retries) },
  });
  let up = false;
  client.on('ready', () => {
    up = true;
  });
  // node-redis emits an error per failed reconnect; one warning per outage is enough.
  client.on('error', (error: Error) => {
    if (up) {
      logger.warn(`L2 cache Redis unavailable (${error.message}); serving L1 and grace copies until it returns`);
      up = false;
    }
  });
  client.connect().catch((error: unknown) => {
    logger.warn(`L2 cache Redis not connected (${error instanceof Error ? error.message : String(error)})`);
  });
  return client;
}
