import { negotiateImageFormat } from './negotiate-image-format.js';

describe('negotiateImageFormat', () => {
  const candidates = [
    { contentType: 'image/png', size: 50_000 },
    { contentType: 'image/webp', size: 20_000 },
    { contentType: 'image/avif', size: 12_000 },
  ];

  it('serves the smallest format a modern browser accepts', () => {
    expect(negotiateImageFormat('image/avif,image/webp,image/apng,image/*,*/*;q=0.8', candidates)).toBe('image/avif');
  });

  it('skips formats the client does not name nor cover with a wildcard', () => {
    expect(negotiateImageFormat('image/webp,image/png', candidates)).toBe('image/webp');
    expect(negotiateImageFormat('image/png', candidates)).toBe('image/png');
  });

  it('honours explicit exclusions over wildcards (most specific range wins)', () => {
    expect(negotiateImageFormat('image/webp, image/*, image/avif;q=0', candidates)).toBe('image/webp');
    expect(negotiateImageFormat('*/*, image/avif;q=0, image/webp;q=0', candidates)).toBe('image/png');
  });

  it('serves AVIF and WebP only to clients that name them: a wildcard is no promise to decode them', () => {
    // Safari 14: WebP named, AVIF only under image/*.
    expect(negotiateImageFormat('image/webp,image/png,image/svg+xml,image/*;q=0.8,video/*;q=0.8,*/*;q=0.5', candidates)).toBe('image/webp');
    expect(negotiateImageFormat('image/*,*/*;q=0.8', candidates)).toBe('image/png');
  });

  it('serves the original format without an Accept header', () => {
    expect(negotiateImageFormat(undefined, candidates)).toBe('image/png');
  });

  it('ignores media type parameters and case when matching', () => {
    expect(negotiateImageFormat('IMAGE/PNG', [{ contentType: 'image/png; foo=bar', size: 1 }, { contentType: 'image/webp', size: 0 }])).toBe('image/png; foo=bar');
  });

  it('breaks a size tie by the higher weight', () => {
    const tied = [{ contentType: 'image/webp', size: 10 }, { contentType: 'image/avif', size: 10 }];
    expect(negotiateImageFormat('image/webp;q=0.5, image/avif', tied)).toBe('image/avif');
  });

  it('returns null when Accept rules out every format', () => {
    expect(negotiateImageFormat('text/html', candidates)).toBeNull();
    expect(negotiateImageFormat('image/*;q=0', candidates)).toBeNull();
  });
});
