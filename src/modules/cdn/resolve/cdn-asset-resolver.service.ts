import { AppConfig } from '@app/config';
import { Injectable } from '@nestjs/common';

import { CacheService } from '../../cache/index.js';
import { assetCacheTag, IMMUTABLE_CACHE_CONTROL, nameCacheTag, userCacheTag } from '../assets/asset-addresses.js';
import type { AssetEntity } from '../assets/asset.entity.js';
import { AssetRepository } from '../assets/asset.repository.js';
import { AssetVariantRepository } from '../assets/asset-variant.repository.js';
import type { AssetResolver, ServedAsset } from '../serving/served-asset.js';
import { parseAssetPath, type AssetPath } from './asset-path.js';
import { originalRepresentation, representationsFor } from './representations.js';

export const RESOLUTION_NAMESPACE = 'cdn';
/** Resolutions are dropped by tag when anything they depend on changes; the TTL only bounds memory. */
const FOUND_TTL_MS = 60 * 60 * 1000;
/** Unknown paths are remembered briefly, so a 404 flood costs no database round trips. */
const MISSING_TTL_MS = 10_000;
const PROCESSING_CACHE_CONTROL = 'public, max-age=60';

interface CachedResolution {
  asset: ServedAsset | null;
}

/**
 * Resolves `/cdn/*` paths to what to serve through the shared cache: a hot path is one in-process lookup; a miss is
 * two indexed queries. Uploads, optimisation, deletes and purges drop the affected entries on every instance by tag.
 */
@Injectable()
export class CdnAssetResolver implements AssetResolver {
  private readonly loading = new Map<string, Promise<ServedAsset | null>>();

  constructor(
    private readonly assets: AssetRepository,
    private readonly cache: CacheService,
    private readonly config: AppConfig,
    private readonly variants: AssetVariantRepository,
  ) {}

  async resolve(path: string, query: string): Promise<ServedAsset | null> {
    const parsed = parseAssetPath(path, query);
    if (parsed === null) {
      return null;
    }
    const cached = await this.cache.get<CachedResolution>(RESOLUTION_NAMESPACE, parsed.key);
    if (cached !== undefined) {
      return cached.asset;
    }
    let flight = this.loading.get(parsed.key);
    if (flight === undefined) {
      flight = this.loadAndCache(parsed).finally(() => this.loading.delete(parsed.key));
      this.loading.set(parsed.key, flight);
    }
    return flight;
  }

  private async loadAndCache(path: AssetPath): Promise<ServedAsset | null> {
    const asset = path.alias ? await this.assets.findLatestByName(path.name) : await this.assets.findByUrl(path.hashPrefix ?? '', path.name);
    const served = asset === null ? null : await this.toServed(asset, path);
    const tags = asset === null ? [nameCacheTag(path.name)] : [assetCacheTag(asset.id), nameCacheTag(asset.name), ...asset.tags.map(userCacheTag)];
    await this.cache.set<CachedResolution>(RESOLUTION_NAMESPACE, path.key, { asset: served }, { ttl: served === null ? MISSING_TTL_MS : FOUND_TTL_MS, tags });
    return served;
  }

  private async toServed(asset: AssetEntity, path: AssetPath): Promise<ServedAsset | null> {
    const variants = asset.status === 'processing' ? [] : await this.variants.findForContent(asset.contentHash, asset.kind);
    let representations = representationsFor(variants, path.width);
    if (representations.length === 0) {
      if (path.width !== null) {
        return null;
      }
      representations = [originalRepresentation(asset)];
    }
    const cacheControl = path.alias
      ? `public, max-age=${Math.floor(this.config.cdn.aliasTtlMs / 1000)}`
      : asset.status === 'processing'
        ? PROCESSING_CACHE_CONTROL
        : IMMUTABLE_CACHE_CONTROL;
    return { assetId: asset.id, representations, lastModified: asset.createdAt, cacheControl, cacheTags: asset.tags.length > 0 ? asset.tags : undefined };
  }
}
