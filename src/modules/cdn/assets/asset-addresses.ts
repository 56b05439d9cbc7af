/** Hex characters of the content hash in immutable URLs: 64 bits, ample for names that also have to match. */
export const URL_HASH_CHARS = 16;
export const ALIAS_SEGMENT = 'latest';
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** `/cdn/<hash>/<name>`: changes whenever the content does, so it may be cached forever. */
export function immutablePath(contentHash: string, name: string): string {
  return `/cdn/${contentHash.slice(0, URL_HASH_CHARS)}/${encodeURIComponent(name)}`;
}

/** `/cdn/latest/<name>`: always the newest upload of the name, cached briefly. */
export function aliasPath(name: string): string {
  return `/cdn/${ALIAS_SEGMENT}/${encodeURIComponent(name)}`;
}

export function originalKey(contentHash: string): string {
  return `objects/${contentHash}/original`;
}

/** Prefix of every object of one content (original and all variants). */
export function contentPrefix(contentHash: string): string {
  return `objects/${contentHash}/`;
}

export function variantKey(contentHash: string, kind: string, variant: string, encoding: string): string {
  const suffix = encoding === 'identity' ? '' : encoding === 'gzip' ? '.gz' : '.br';
  return `objects/${contentHash}/${kind}/${variant.toLowerCase()}${suffix}`;
}

/** Cache tags: every resolved path of an asset carries these, so one invalidation finds them on every instance. */
export const assetCacheTag = (assetId: string): string => `cdn-asset:${assetId}`;
export const nameCacheTag = (name: string): string => `cdn-name:${name}`;
export const userCacheTag = (tag: string): string => `cdn-tag:${tag}`;
