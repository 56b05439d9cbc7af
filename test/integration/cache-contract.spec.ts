import { testRedisUrl } from '@app/testing';

import { cachePrefix, openCache } from '../support/cache-instance.js';
import { describeCacheContract } from '../support/cache.contract.js';

describe('CacheService, memory only (no REDIS_URL)', () => {
  describeCacheContract(() => openCache({}));
});

describe('CacheService, L1 + Redis L2', () => {
  describeCacheContract(() => openCache({ REDIS_URL: testRedisUrl(), CACHE_KEY_PREFIX: cachePrefix() }));
});
