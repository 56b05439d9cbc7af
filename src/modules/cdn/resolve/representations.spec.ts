import type { AssetVariantEntity } from '../assets/asset-variant.entity.js';
import { representationsFor } from './representations.js';

function variant(name: string, encoding: string, contentType: string, bytes: number): AssetVariantEntity {
  return { contentHash: 'f'.repeat(64), kind: 'png', variant: name, encoding, contentType, width: null, height: null, bytes, sha256: `${name}${encoding}`.padEnd(64, '0'), storageKey: `k/${name}.${encoding}`, createdAt: new Date(0) };
}

describe(representationsFor.name, () => {
  const variants = [
    variant('avif', 'identity', 'image/avif', 10),
    variant('optimized', 'identity', 'image/png', 50),
    variant('w320', 'identity', 'image/png', 20),
    variant('w320.webp', 'identity', 'image/webp', 8),
    variant('webp', 'identity', 'image/webp', 15),
  ];

  it('gives the full-size family with the original format first', () => {
    expect(representationsFor(variants, null).map((representation) => representation.contentType)).toEqual(['image/png', 'image/avif', 'image/webp']);
  });

  it('gives one width\'s family, and nothing for a width that was not made', () => {
    expect(representationsFor(variants, 320).map((representation) => representation.storageKey)).toEqual(['k/w320.identity', 'k/w320.webp.identity']);
    expect(representationsFor(variants, 640)).toEqual([]);
  });

  it('uses a quoted prefix of each variant\'s own hash as its strong ETag', () => {
    const [first] = representationsFor(variants, null);
    expect(first?.etag).toBe(`"${'optimizedidentity'.padEnd(32, '0')}"`);
  });
});
