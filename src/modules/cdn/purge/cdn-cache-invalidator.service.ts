import { Injectable } from '@nestjs/common';

import { CacheService } from '../../cache/index.js';
import { assetCacheTag, nameCacheTag, userCacheTag } from '../assets/asset-addresses.js';
import type { AssetEntity } from '../assets/asset.entity.js';
import { AssetRepository } from '../assets/asset.repository.js';
import { RESOLUTION_NAMESPACE } from '../resolve/cdn-asset-resolver.service.js';

/** Pattern metacharacters of CacheService.invalidatePattern, escaped so a prefix matches literally. */
const PATTERN_META = /[*?\\[\]]/g;

/**
 * Our own cache of `/cdn/*` resolutions, dropped on every instance. Bytes need no purge: they are stored and cached
 * by content hash, so no stale body can hide behind a key; dropping the resolution is what changes a response.
 */
@Injectable()
export class CdnCacheInvalidator {
  constructor(
    private readonly assets: AssetRepository,
    private readonly cache: CacheService,
  ) {}

  async invalidateAssets(assets: readonly AssetEntity[]): Promise<void> {
    if (assets.length === 0) {
      return;
    }
    const tags = new Set(assets.flatMap((asset) => [assetCacheTag(asset.id), nameCacheTag(asset.name)]));
    // A cache entry carries at most 32 tags and an invalidation takes any number, but keep calls bounded.
    const all = [...tags];
    for (let start = 0; start < all.length; start += 32) {
      await this.cache.invalidateTags(all.slice(start, start + 32));
    }
  }

  async invalidateContent(contentHash: string): Promise<void> {
    const assets = await this.assets.findByContentHash(contentHash);
    await this.invalidateAssets(assets);
  }

  async invalidateUserTags(tags: readonly string[]): Promise<void> {
    await this.cache.invalidateTags(tags.map(userCacheTag));
  }

  /** Keys as parseAssetPath normalises them (`<hash>/<name>`, `latest/<name>?w=320`). */
  async invalidatePaths(keys: readonly string[]): Promise<void> {
    if (keys.length > 0) {
      await this.cache.invalidateKeys(keys.map((key) => `${RESOLUTION_NAMESPACE}:${key}`));
    }
  }

  /** Every resolution whose path (after `/cdn/`) starts with `prefix`. */
  async invalidatePrefix(prefix: string): Promise<number> {
    return this.cache.invalidatePattern(`${RESOLUTION_NAMESPACE}:${prefix.replace(PATTERN_META, (char) => `\\${char}`)}*`);
  }
}
