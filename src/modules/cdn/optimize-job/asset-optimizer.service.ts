import { AppConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { buffer } from 'node:stream/consumers';

import { originalKey, variantKey } from '../assets/asset-addresses.js';
import type { AssetVariantEntity } from '../assets/asset-variant.entity.js';
import { AssetRepository } from '../assets/asset.repository.js';
import { AssetVariantRepository } from '../assets/asset-variant.repository.js';
import { CdnException } from '../cdn.exception.js';
import type { AssetKind } from '../content/asset-kind.js';
import { optimizeAsset, type OptimizedVariant } from '../optimize/index.js';
import { CdnCacheInvalidator } from '../purge/cdn-cache-invalidator.service.js';
import { ASSET_STORAGE, type AssetStorage } from '../storage/asset-storage.js';

type Progress = (percent: number, message: string) => Promise<void>;

/** Optimises one content: variants and their encodings to storage, their rows, then the assets marked ready. */
@Injectable()
export class AssetOptimizer {
  constructor(
    private readonly assets: AssetRepository,
    private readonly config: AppConfig,
    private readonly invalidator: CdnCacheInvalidator,
    @Inject(ASSET_STORAGE) private readonly storage: AssetStorage,
    private readonly variants: AssetVariantRepository,
  ) {}

  async optimizeContent(contentHash: string, kind: string, progress: Progress): Promise<void> {
    await progress(0, 'reading the original');
    // Optimisers need the whole input (esbuild, sharp); uploads are bounded by CDN_MAX_FILE_BYTES.
    const original = await buffer(await this.storage.read(originalKey(contentHash)));
    let variants: OptimizedVariant[];
    try {
      const { imageWidths, maxPixels } = { imageWidths: this.config.cdn.image.widths, maxPixels: this.config.cdn.image.maxPixels };
      ({ variants } = await optimizeAsset(kind as AssetKind, original, { imageWidths, maxPixels, onProgress: (percent, message) => void progress(Math.min(90, percent), message) }));
    } catch (error) {
      if (error instanceof CdnException) {
        // Bad content is not worth a retry: the original stays served, and the asset says why.
        await this.assets.markProcessed(contentHash, kind, 'failed', null, error.detail);
        await this.invalidator.invalidateContent(contentHash);
        return;
      }
      throw error;
    }
    await progress(90, `storing ${variants.length} variants`);
    const rows = await this.storeVariants(contentHash, kind, variants);
    await this.variants.replaceForContent(contentHash, kind, rows);
    const optimized = variants.find((variant) => variant.variant === 'optimized');
    await this.assets.markProcessed(contentHash, kind, 'ready', optimized?.body.length ?? original.length, null);
    await this.invalidator.invalidateContent(contentHash);
  }

  private async storeVariants(contentHash: string, kind: string, variants: readonly OptimizedVariant[]): Promise<AssetVariantEntity[]> {
    const rows: AssetVariantEntity[] = [];
    const createdAt = new Date();
    for (const variant of variants) {
      const encodings: [string, Buffer | null][] = [
        ['identity', variant.body],
        ['gzip', variant.gzip],
        ['br', variant.br],
      ];
      for (const [encoding, body] of encodings) {
        if (body === null) {
          continue;
        }
        const storageKey = variantKey(contentHash, kind, variant.variant, encoding);
        await this.storage.put(storageKey, body, { contentType: variant.contentType, size: body.length });
        rows.push({
          contentHash,
          kind,
          variant: variant.variant,
          encoding,
          contentType: variant.contentType,
          width: variant.width,
          height: variant.height,
          bytes: body.length,
          sha256: createHash('sha256').update(body).digest('hex'),
          storageKey,
          createdAt,
        });
      }
    }
    return rows;
  }
}
