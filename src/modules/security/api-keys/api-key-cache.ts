import { SHARED_CACHE, type SharedCache, type SharedCacheNamespace } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';

import type { ApiKeyEntity } from './api-key.entity.js';
import { ApiKeyRepository } from './api-key.repository.js';

/** Backstop for an invalidation missed while Redis was away; deletes reach every instance at once over pub/sub. */
const TTL_MS = 10_000;

/**
 * Key records by public id in the shared cache (L1 per instance, L2 in Redis): one query per key per TTL for the
 * whole deployment, one at a time per key; misses are cached too, so a flood of one unknown id costs one query.
 * Revocation and rotation delete the entry from both tiers and every instance's L1. Records hold only the keyed
 * hash of the secret (HMAC with the pepper), never the key.
 */
@Injectable()
export class ApiKeyCache {
  private readonly keys: SharedCacheNamespace;

  constructor(
    @Inject(SHARED_CACHE) cache: SharedCache,
    private readonly repository: ApiKeyRepository,
  ) {
    this.keys = cache.namespace('api-keys');
  }

  /** The record (null: known not to exist), from the cache or the database. */
  find(publicId: string): Promise<ApiKeyEntity | null> {
    return this.keys.getOrSet(publicId, () => this.repository.findByPublicId(publicId), { ttl: TTL_MS });
  }

  /** Evicts the key here and on every other instance. */
  async invalidate(publicId: string): Promise<void> {
    await this.keys.delete(publicId);
  }
}
