import type { CacheEntryInput, CacheService } from './cache.service.js';
import type { CacheLoader, CacheLoadOptions, CacheWriteOptions } from './core/cache-options.js';

/** A view of the cache with its namespace bound, like BentoCache's `namespace()`. */
export class CacheNamespace {
  constructor(
    private readonly cache: CacheService,
    readonly name: string,
  ) {}

  get<T>(key: string): Promise<T | undefined> {
    return this.cache.get<T>(this.name, key);
  }

  getMany<T>(keys: readonly string[]): Promise<(T | undefined)[]> {
    return this.cache.getMany<T>(this.name, keys);
  }

  set<T>(key: string, value: T, options?: CacheWriteOptions): Promise<void> {
    return this.cache.set(this.name, key, value, options);
  }

  setMany(entries: readonly CacheEntryInput[]): Promise<void> {
    return this.cache.setMany(this.name, entries);
  }

  delete(key: string): Promise<void> {
    return this.cache.delete(this.name, key);
  }

  deleteMany(keys: readonly string[]): Promise<void> {
    return this.cache.deleteMany(this.name, keys);
  }

  getOrSet<T>(key: string, loader: CacheLoader<T>, options?: CacheLoadOptions): Promise<T> {
    return this.cache.getOrSet(this.name, key, loader, options);
  }

  ttl(key: string): Promise<number | undefined> {
    return this.cache.ttl(this.name, key);
  }

  clear(): Promise<number> {
    return this.cache.clear(this.name);
  }
}
