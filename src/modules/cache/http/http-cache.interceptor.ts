import { MemoizedReflector } from '@app/common';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, lastValueFrom, mergeMap, of, type Observable } from 'rxjs';

import { principalKey, principalOf } from '../../security/index.js';
import { CacheService } from '../cache.service.js';
import { CACHED_KEY, INVALIDATES_CACHE_KEY, type CachedOptions } from './cached.decorator.js';
import { etagOf, httpCacheKey, matchesEtag } from './http-cache-key.util.js';

/** What a cached response keeps: its JSON text (so a hit never serialises again) and its ETag. */
interface CachedResponse {
  body: string;
  etag: string;
}

export const HTTP_CACHE_NAMESPACE = 'http';

/**
 * `@Cached()` GET routes: served from CacheService with ETag / 304 and Cache-Control, `X-Cache: HIT|MISS`.
 * `@InvalidatesCache(tags)` routes: the tags are invalidated once the handler succeeded.
 */
@Injectable()
export class HttpCacheInterceptor implements NestInterceptor {
  constructor(
    private readonly cache: CacheService,
    private readonly reflector: MemoizedReflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') {
      return next.handle();
    }
    const request = context.switchToHttp().getRequest<Request>();
    const cached = this.reflector.get<CachedOptions | undefined>(CACHED_KEY, context.getHandler());
    if (cached !== undefined && (request.method === 'GET' || request.method === 'HEAD')) {
      return from(this.serve(request, context.switchToHttp().getResponse<Response>(), next, cached));
    }
    const tags = this.reflector.get<string[] | undefined>(INVALIDATES_CACHE_KEY, context.getHandler());
    if (tags === undefined || tags.length === 0) {
      return next.handle();
    }
    return next.handle().pipe(mergeMap((body) => from(this.cache.invalidateTags(tags)).pipe(mergeMap(() => of(body)))));
  }

  private async serve(request: Request, response: Response, next: CallHandler, options: CachedOptions): Promise<unknown> {
    const principal = options.shared === true ? null : principalKey(principalOf(request));
    const key = httpCacheKey('GET', `${request.baseUrl}${request.path}`, request.query, principal);
    let missed = false;
    const entry = await this.cache.getOrSet<CachedResponse>(
      HTTP_CACHE_NAMESPACE,
      key,
      async () => {
        missed = true;
        const body = JSON.stringify(await lastValueFrom(next.handle(), { defaultValue: null }));
        return { body, etag: etagOf(body) };
      },
      { ttl: options.ttl, grace: options.grace, tags: options.tags },
    );
    // The route's TTL, not the entry's time left: a second lookup per hit would cost more than it tells.
    const ttlSeconds = Math.floor((options.ttl ?? this.cache.defaultTtlMs) / 1000);
    response.setHeader('ETag', entry.etag);
    response.setHeader('Cache-Control', options.cacheControl ?? `${options.shared === true ? 'public' : 'private'}, max-age=${ttlSeconds}`);
    response.setHeader('X-Cache', missed ? 'MISS' : 'HIT');
    if (matchesEtag(request.headers['if-none-match'], entry.etag)) {
      response.status(304);
      return undefined;
    }
    // The stored JSON text as is: a hit neither parses nor serialises the body again.
    response.type('application/json');
    return entry.body;
  }
}
