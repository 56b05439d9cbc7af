import { AppConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';

import { contentPrefix } from '../assets/asset-addresses.js';
import type { AssetEntity } from '../assets/asset.entity.js';
import { AssetRepository } from '../assets/asset.repository.js';
import { AssetVariantRepository } from '../assets/asset-variant.repository.js';
import { CdnException, CdnExceptionCode } from '../cdn.exception.js';
import type { EdgePurgeRequest, EdgePurger } from '../edges/edge-purger.js';
import { parseAssetPath } from '../resolve/asset-path.js';
import { ASSET_STORAGE, type AssetStorage } from '../storage/asset-storage.js';
import { whileStorageAnswers } from '../storage/storage-unavailable.util.js';
import { parseAssetTags } from '../upload/asset-tags.js';
import { assetPaths } from './asset-urls.js';
import { CdnCacheInvalidator } from './cdn-cache-invalidator.service.js';
import { EdgePurgeQueue, type QueuedEdgePurge } from './edge-purge.queue.js';

export const MAX_PURGE_URLS = 1_000;
/** A prefix names a part of `/cdn/`: letters, digits and the characters names and hashes use. */
const PREFIX = /^\/cdn\/[A-Za-z0-9._/-]*$/;

export interface PurgeInput {
  urls?: string[];
  tags?: string[];
  prefix?: string;
}

export interface PurgeOutcome {
  /** Resolution cache entries dropped (paths and prefix) or tags invalidated, on every instance. */
  local: { paths: number; tags: number; prefix: string | null };
  /** One job per configured edge; follow each at GET /v1/cdn/purges/:id. */
  edges: QueuedEdgePurge[];
}

/** Purges by URL, tag or prefix: our own cache at once, then each configured edge as a retried job. */
@Injectable()
export class CdnPurgeService {
  constructor(
    private readonly assets: AssetRepository,
    private readonly config: AppConfig,
    private readonly edges: EdgePurgeQueue,
    private readonly invalidator: CdnCacheInvalidator,
    @Inject(ASSET_STORAGE) private readonly storage: AssetStorage,
    private readonly variants: AssetVariantRepository,
  ) {}

  async purge(input: PurgeInput): Promise<PurgeOutcome> {
    const given = [input.urls, input.tags, input.prefix].filter((part) => part !== undefined).length;
    if (given !== 1) {
      throw new CdnException(CdnExceptionCode.INVALID_PURGE, 'Give exactly one of urls, tags or prefix.');
    }
    if (input.urls !== undefined) {
      return this.purgeUrls(input.urls);
    }
    if (input.tags !== undefined) {
      return this.purgeTags(input.tags);
    }
    return this.purgePrefix(input.prefix ?? '');
  }

  /** Deletes the asset; its bytes go when no other asset has the same content. Then purges its URLs everywhere. */
  async deleteAsset(id: string): Promise<PurgeOutcome> {
    const asset = await this.assets.getByIdOrThrow(id);
    await this.assets.deleteById(asset.id);
    await this.deleteUnsharedBytes(asset);
    await this.invalidator.invalidateAssets([asset]);
    const urls = this.absolute(assetPaths(asset, this.config.cdn.image.widths));
    return { local: { paths: 0, tags: 2, prefix: null }, edges: await this.edges.enqueue(() => ({ urls, tags: [], prefixes: [] })) };
  }

  /** The content's bytes go with its last asset; its variants of one kind go with the last asset of that kind. */
  private async deleteUnsharedBytes(asset: AssetEntity): Promise<void> {
    const sharing = await this.assets.findByContentHash(asset.contentHash);
    if (sharing.some((other) => other.kind === asset.kind)) {
      return;
    }
    const prefix = sharing.length === 0 ? contentPrefix(asset.contentHash) : `${contentPrefix(asset.contentHash)}${asset.kind}/`;
    await this.variants.deleteForContent(asset.contentHash, sharing.length === 0 ? undefined : asset.kind);
    await whileStorageAnswers(async () => {
      const keys: string[] = [];
      for await (const object of this.storage.list(prefix)) {
        keys.push(object.key);
      }
      await this.storage.delete(keys);
    });
  }

  private async purgeUrls(urls: readonly string[]): Promise<PurgeOutcome> {
    if (urls.length === 0 || urls.length > MAX_PURGE_URLS) {
      throw new CdnException(CdnExceptionCode.INVALID_PURGE, `Give 1-${MAX_PURGE_URLS} URLs.`);
    }
    const parsed = urls.map((url) => this.parseUrl(url));
    const keys = parsed.map(({ key }) => key);
    await this.invalidator.invalidatePaths(keys);
    const edgeUrls = parsed.map(({ absolute }) => absolute);
    return { local: { paths: keys.length, tags: 0, prefix: null }, edges: await this.edges.enqueue(() => ({ urls: edgeUrls, tags: [], prefixes: [] })) };
  }

  private async purgeTags(rawTags: readonly string[]): Promise<PurgeOutcome> {
    const tags = parseAssetTags(rawTags);
    if (tags.length === 0) {
      throw new CdnException(CdnExceptionCode.INVALID_PURGE, 'Give at least one tag.');
    }
    await this.invalidator.invalidateUserTags(tags);
    const needsUrls = this.edges.edges.some((edge) => !edge.supportsTags);
    const tagged: AssetEntity[] = needsUrls ? await this.assets.findByTags(tags) : [];
    const urls = this.absolute(tagged.flatMap((asset) => assetPaths(asset, this.config.cdn.image.widths)));
    const request = (edge: EdgePurger): EdgePurgeRequest => (edge.supportsTags ? { urls: [], tags, prefixes: [] } : { urls, tags: [], prefixes: [] });
    return { local: { paths: 0, tags: tags.length, prefix: null }, edges: await this.edges.enqueue(request) };
  }

  private async purgePrefix(prefix: string): Promise<PurgeOutcome> {
    if (!PREFIX.test(prefix) || prefix.includes('..')) {
      throw new CdnException(CdnExceptionCode.INVALID_PURGE, 'A prefix is a path under /cdn/ (letters, digits, ".", "_", "-", "/").');
    }
    const paths = await this.invalidator.invalidatePrefix(prefix.slice('/cdn/'.length));
    const base = this.config.cdn.publicBaseUrl;
    const edgePrefix = base === undefined ? null : `${new URL(base).host}${prefix}`;
    return {
      local: { paths, tags: 0, prefix },
      edges: await this.edges.enqueue(() => (edgePrefix === null ? null : { urls: [], tags: [], prefixes: [edgePrefix] })),
    };
  }

  /** A URL of ours (absolute, or a path starting with /cdn/), checked and normalised to its cache key. */
  private parseUrl(raw: string): { key: string; absolute: string } {
    let url: URL;
    try {
      url = new URL(raw, this.config.cdn.publicBaseUrl ?? 'http://origin.invalid');
    } catch {
      throw new CdnException(CdnExceptionCode.INVALID_PURGE, 'A purge URL is malformed.');
    }
    const parsed = url.pathname.startsWith('/cdn/') ? parseAssetPath(url.pathname.slice('/cdn/'.length), url.search.slice(1)) : null;
    if (parsed === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new CdnException(CdnExceptionCode.INVALID_PURGE, `Not an asset URL: ${url.pathname.slice(0, 200)}`);
    }
    return { key: parsed.key, absolute: url.href };
  }

  private absolute(paths: readonly string[]): string[] {
    const base = this.config.cdn.publicBaseUrl;
    return base === undefined ? [] : paths.map((path) => `${base}${path}`);
  }
}
