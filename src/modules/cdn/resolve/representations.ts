import { originalKey } from '../assets/asset-addresses.js';
import type { AssetEntity } from '../assets/asset.entity.js';
import type { AssetVariantEntity } from '../assets/asset-variant.entity.js';
import type { ContentEncoding, Representation } from '../serving/served-asset.js';

const ETAG_HEX = 32;

/** `optimized`, `webp`, `avif` at full size; `w320`, `w320.webp`, `w320.avif` for a width. */
function familyOf(variant: string): { width: number | null } {
  const match = /^w(\d+)(?:\.|$)/.exec(variant);
  return { width: match === null ? null : Number(match[1]) };
}

/** The representations a request for `width` (null: full size) may be answered with; empty when there is none. */
export function representationsFor(variants: readonly AssetVariantEntity[], width: number | null): Representation[] {
  // The original format first: it is what clients whose Accept names no variant format get.
  const isAlternative = (variant: AssetVariantEntity): number => (variant.variant.includes('.') || variant.variant === 'webp' || variant.variant === 'avif' ? 1 : 0);
  return variants
    .filter((variant) => familyOf(variant.variant).width === width)
    .sort((a, b) => isAlternative(a) - isAlternative(b))
    .map((variant) => ({
      storageKey: variant.storageKey,
      contentType: variant.contentType,
      encoding: variant.encoding as ContentEncoding,
      size: variant.bytes,
      etag: `"${variant.sha256.slice(0, ETAG_HEX)}"`,
    }));
}

/** The uploaded bytes as they are: served until optimisation has run, or when it failed. */
export function originalRepresentation(asset: AssetEntity): Representation {
  return {
    storageKey: originalKey(asset.contentHash),
    contentType: asset.contentType,
    encoding: 'identity',
    size: asset.originalBytes,
    etag: `"${asset.contentHash.slice(0, ETAG_HEX)}"`,
  };
}
