import { AppConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';

import type { AssetEntity } from '../assets/asset.entity.js';
import { originalKey } from '../assets/asset-addresses.js';
import { AssetRepository } from '../assets/asset.repository.js';
import { AssetVariantRepository } from '../assets/asset-variant.repository.js';
import { CdnException, CdnExceptionCode } from '../cdn.exception.js';
import type { AssetKind } from '../content/asset-kind.js';
import { detectAssetKind, validateTextBody } from '../content/detect-asset-kind.js';
import { sanitizeAssetName } from '../content/sanitize-asset-name.js';
import { ASSET_STORAGE, type AssetStorage } from '../storage/asset-storage.js';
import { whileStorageAnswers } from '../storage/storage-unavailable.util.js';
import { assertImageWithinLimits } from './image-probe.js';
import type { SpooledFile } from './multipart-spool.js';

const IMAGE_KINDS: ReadonlySet<AssetKind> = new Set(['png', 'jpeg', 'webp', 'avif', 'gif']);
const TEXT_KINDS: ReadonlySet<AssetKind> = new Set(['js', 'mjs', 'css', 'svg', 'json', 'txt']);

export interface IngestedAsset {
  asset: AssetEntity;
  /** False when this name already held this content (the upload changed nothing). */
  created: boolean;
  /** Whether its content still has to go through optimisation (no other asset had the same content and kind). */
  needsOptimization: boolean;
}

/**
 * Turns one spooled upload into an asset: name and type checked (the type from the content), bytes stored once per
 * content hash, row written. Every check runs before the first byte is stored, so a refused file leaves nothing.
 */
@Injectable()
export class AssetIngestService {
  constructor(
    private readonly assets: AssetRepository,
    private readonly config: AppConfig,
    @Inject(ASSET_STORAGE) private readonly storage: AssetStorage,
    private readonly variants: AssetVariantRepository,
  ) {}

  async ingest(file: SpooledFile, tags: readonly string[]): Promise<IngestedAsset> {
    const name = sanitizeAssetName(file.filename);
    if (file.size === 0) {
      throw new CdnException(CdnExceptionCode.EMPTY_FILE, `${name} is empty.`);
    }
    const { kind, contentType } = await this.detect(file, name);
    await this.validateContent(file, kind);
    const storedNow = await this.storeOriginal(file, contentType);
    try {
      const now = new Date();
      const { asset, created } = await this.assets.insertOrFindExisting({
        id: randomUUID(),
        name,
        contentHash: file.sha256,
        kind,
        contentType,
        originalBytes: file.size,
        tags: [...tags],
        createdAt: now,
      });
      if (!created) {
        return { asset, created, needsOptimization: false };
      }
      return await this.settle(asset);
    } catch (error) {
      if (storedNow && (await this.assets.countByContent(file.sha256)) === 0) {
        await this.storage.delete([originalKey(file.sha256)]);
      }
      throw error;
    }
  }

  private async detect(file: SpooledFile, name: string): Promise<{ kind: AssetKind; contentType: string }> {
    const detected = await detectAssetKind(file.head, { filename: name, mimeType: file.mimeType });
    if (detected.ok) {
      return { kind: detected.kind, contentType: detected.contentType };
    }
    const code = detected.reason === 'empty' ? CdnExceptionCode.EMPTY_FILE : detected.reason === 'mismatch' ? CdnExceptionCode.TYPE_MISMATCH : CdnExceptionCode.UNSUPPORTED_TYPE;
    throw new CdnException(code, `${name}: ${detected.detail}`);
  }

  private async validateContent(file: SpooledFile, kind: AssetKind): Promise<void> {
    if (IMAGE_KINDS.has(kind)) {
      await assertImageWithinLimits(file.path, this.config.cdn.image.maxPixels);
    } else if (TEXT_KINDS.has(kind)) {
      // The sniffed head only showed the start: UTF-8 throughout, JSON that parses, SVG without script.
      validateTextBody(kind, await readFile(file.path));
    }
  }

  /** Stores the bytes unless this content is already there; says whether this call wrote them. */
  private async storeOriginal(file: SpooledFile, contentType: string): Promise<boolean> {
    const key = originalKey(file.sha256);
    if ((await whileStorageAnswers(() => this.storage.stat(key))) !== null) {
      return false;
    }
    await whileStorageAnswers(() => this.storage.put(key, createReadStream(file.path), { contentType, size: file.size }));
    return true;
  }

  /**
   * A new asset whose content and kind another asset already has needs no optimisation of its own: it takes the
   * sibling's outcome, or waits for the sibling's job (which settles every asset of the content) when that still runs.
   */
  private async settle(asset: AssetEntity): Promise<IngestedAsset> {
    const siblings = (await this.assets.findByContent(asset.contentHash, asset.kind)).filter((other) => other.id !== asset.id);
    const settled = siblings.find((other) => other.status !== 'processing');
    if (settled !== undefined && (await this.variants.hasVariants(asset.contentHash, asset.kind))) {
      await this.assets.markProcessed(asset.contentHash, asset.kind, settled.status, settled.optimizedBytes, settled.failureReason);
      return { asset: await this.assets.getByIdOrThrow(asset.id), created: true, needsOptimization: false };
    }
    return { asset, created: true, needsOptimization: siblings.length === 0 || settled !== undefined };
  }
}
