/** Per-write options; unset ones come from config (`CACHE_DEFAULT_TTL_MS`, `CACHE_DEFAULT_GRACE_MS`). */
export interface CacheWriteOptions {
  /** Milliseconds the value is served as fresh. */
  ttl?: number;
  /** Milliseconds it is kept after that, served only when its loader fails or is slow. */
  grace?: number;
  /** Invalidating any of them drops the entry, on every instance. */
  tags?: readonly string[];
}

export interface CacheLoadOptions extends CacheWriteOptions {
  /** With a grace copy at hand, serve it when the loader takes longer than this; the loader goes on in the background. */
  softTimeout?: number;
  /** Never wait longer than this: serve the grace copy, or fail with CACHE.LOADER_TIMEOUT without one. */
  hardTimeout?: number;
}

export interface LoaderContext<T> {
  key: string;
  namespace: string;
  /** The expired value still in grace, if any. */
  stale: T | undefined;
}

export type CacheLoader<T> = (context: LoaderContext<T>) => Promise<T> | T;

export interface CacheDefaults {
  ttlMs: number;
  graceMs: number;
  lockTtlMs: number;
}

/** The most a TTL or grace may be: a year; beyond it a "cache" is a database. */
export const MAX_DURATION_MS = 365 * 24 * 60 * 60 * 1000;
