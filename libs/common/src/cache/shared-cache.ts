/**
 * The cache as other modules see it, under the SHARED_CACHE token: the cache module provides it, so a module the
 * cache itself depends on (security: scopes, principals) can still cache without importing it.
 */
export const SHARED_CACHE = Symbol('bulwark.shared-cache');

export interface SharedCacheOptions {
  /** Milliseconds served fresh. */
  ttl?: number;
  /** Milliseconds kept after that, served when the loader fails or is slow. */
  grace?: number;
  tags?: readonly string[];
}

export interface SharedCacheNamespace {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, options?: SharedCacheOptions): Promise<void>;
  /** Drops the key from every tier and every instance. */
  delete(key: string): Promise<void>;
  /** The cached value, or the loader's, with one loader per key at a time (across instances with Redis). */
  getOrSet<T>(key: string, loader: () => Promise<T> | T, options?: SharedCacheOptions): Promise<T>;
}

export interface SharedCache {
  namespace(name: string): SharedCacheNamespace;
}
