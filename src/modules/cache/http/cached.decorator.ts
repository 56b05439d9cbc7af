import { SetMetadata } from '@nestjs/common';

export const CACHED_KEY = 'bulwark:cached';
export const INVALIDATES_CACHE_KEY = 'bulwark:invalidates-cache';

export interface CachedOptions {
  /** Milliseconds the response is served from the cache (default CACHE_DEFAULT_TTL_MS). */
  ttl?: number;
  grace?: number;
  /** Tags a write route can invalidate with `@InvalidatesCache`. */
  tags?: string[];
  /**
   * One copy for every caller. By default responses are cached per principal (API key or user), so a route whose
   * answer depends on who asks can never leak one caller's response to another.
   */
  shared?: boolean;
  /** The Cache-Control header sent with the response; default `private, max-age=<ttl in s>` (`public` when shared). */
  cacheControl?: string;
}

/**
 * Caches a GET route's JSON response in CacheService, keyed by method, path and normalised query (and principal
 * unless `shared`), with an ETag: `If-None-Match` gets 304. One handler run per key at a time (single flight).
 */
export const Cached = (options: CachedOptions = {}): MethodDecorator => SetMetadata(CACHED_KEY, options);

/** After the route succeeds, drops every cached response (and entry) carrying one of `tags`, on every instance. */
export const InvalidatesCache = (tags: string[]): MethodDecorator => SetMetadata(INVALIDATES_CACHE_KEY, tags);
