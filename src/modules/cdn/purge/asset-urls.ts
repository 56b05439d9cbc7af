import { aliasPath, immutablePath } from '../assets/asset-addresses.js';
import type { AssetEntity } from '../assets/asset.entity.js';

const IMAGE_KINDS = new Set(['png', 'jpeg', 'webp', 'avif', 'gif']);

/** Every path an edge may hold for the asset: its immutable and alias URLs, and each width of an image. */
export function assetPaths(asset: AssetEntity, widths: readonly number[]): string[] {
  const bases = [immutablePath(asset.contentHash, asset.name), aliasPath(asset.name)];
  const sized = IMAGE_KINDS.has(asset.kind) ? widths.flatMap((width) => bases.map((base) => `${base}?w=${width}`)) : [];
  return [...bases, ...sized];
}
