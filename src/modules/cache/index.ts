export { CacheModule } from './cache.module.js';
export { CacheService, type CacheEntryInput } from './cache.service.js';
export { CacheNamespace } from './cache-namespace.js';
export { CacheHealthIndicator } from './cache.health.js';
export { CacheException, CacheExceptionCode } from './cache.exception.js';
export type { CacheLoader, CacheLoadOptions, CacheWriteOptions, LoaderContext } from './core/cache-options.js';
export type { CacheStats } from './cache-stats.js';
export { Cached, InvalidatesCache, type CachedOptions } from './http/cached.decorator.js';
