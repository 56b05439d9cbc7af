// The caches bench/cache/run.js compares, built the way production builds them: ours through createCacheService
// (as cache.factory.ts does in the app) and BentoCache 1.6.1 configured to match it (memory L1 with the same entry
// bound, Redis L2 on ioredis, its Redis bus, the same TTL, no grace).
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { BentoCache, bentostore } from 'bentocache';
import { memoryDriver } from 'bentocache/drivers/memory';
import { redisBusDriver, redisDriver } from 'bentocache/drivers/redis';
import { Redis } from 'ioredis';
import { join, resolve } from 'node:path';

// Long enough for the longest run (--rounds=15 takes several minutes): an entry expiring mid-run would turn hits into misses.
export const TTL_MS = 3_600_000;

// Nest's logger ignores LOG_LEVEL outside the app; its "Redis ready" lines would only clutter the table.
Logger.overrideLogger(false);

// The shared test secrets of libs/testing/src/test-config.ts (which is not built into dist); never used in production.
const SECRETS = {
  API_KEY_PEPPER: 'YnVsd2Fyay10ZXN0LWFwaS1rZXktcGVwcGVyLTAwMDE',
  JWT_SECRET: 'YnVsd2Fyay10ZXN0LWp3dC1zZWNyZXQtMzJieXRlcyEh',
  ENCRYPTION_KEYS: 'YnVsd2Fyay10ZXN0LWZlcm5ldC1rZXktMzJieXRlcyE=',
};

/** Loads the built modules from `dist` (the worktree's `npm run build`). */
export async function loadOurs(dist) {
  const from = (path) => import(join(resolve(dist), path));
  const [{ loadAppConfig }, { MetricsRegistry, RedisConnection }, { createCacheService }, { CacheMetrics }] = await Promise.all([
    from('libs/config/src/index.js'),
    from('libs/common/src/index.js'),
    from('src/modules/cache/cache.factory.js'),
    from('src/modules/cache/cache.metrics.js'),
  ]);
  /** Our cache with an L1 of `l1Entries`, its L2 and bus on `redisUrl`; `close()` shuts all of it down. */
  return async function ourCache(redisUrl, l1Entries) {
    const config = loadAppConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      REDIS_URL: redisUrl,
      DATA_DIR: '/tmp/bench-data',
      CACHE_L1_MAX_ENTRIES: String(l1Entries),
      CACHE_DEFAULT_TTL_MS: String(TTL_MS),
      CACHE_DEFAULT_GRACE_MS: '0',
      ...SECRETS,
    });
    const redis = new RedisConnection(config);
    const cache = createCacheService(config, redis, new CacheMetrics(new MetricsRegistry()));
    await cache.tiers.bus?.start();
    await cache.tiers.shared?.tier.ping();
    const close = async () => {
      await cache.tiers.bus?.stop();
      await cache.tiers.shared?.tier.close();
      await redis.onApplicationShutdown();
    };
    return { cache, close };
  };
}

/**
 * BentoCache with a memory L1 of `maxItems` (lru-cache, like ours), the Redis driver as L2 and the Redis bus, TTL
 * `TTL_MS`, grace off. `serialize` is the memory driver's option: BentoCache's default (true) keeps L1 values as JSON
 * text and parses them on every hit; false keeps the objects themselves, as our L1 does (we freeze ours, it does not).
 */
export async function bentoCache(redisUrl, maxItems, serialize) {
  const connection = new Redis(redisUrl, { lazyConnect: true });
  await connection.connect();
  const bento = new BentoCache({
    default: 'cache',
    ttl: TTL_MS,
    grace: false,
    stores: {
      cache: bentostore()
        .useL1Layer(memoryDriver({ maxItems, serialize }))
        .useL2Layer(redisDriver({ connection }))
        .useBus(redisBusDriver({ connection: redisOptions(redisUrl) })),
    },
  });
  const close = async () => {
    await bento.disconnectAll();
    connection.disconnect();
  };
  return { bento, connection, close };
}

/** ioredis connection options of a `redis://host:port/db` URL. */
export function redisOptions(redisUrl) {
  const url = new URL(redisUrl);
  return { host: url.hostname, port: Number(url.port || 6379), db: Number(url.pathname.slice(1) || 0) };
}
