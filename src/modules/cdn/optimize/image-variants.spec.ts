import sharp, { type Sharp } from 'sharp';

import { CdnException, CdnExceptionCode } from '../cdn.exception.js';
import { type ImageVariant, imageVariants } from './image-variants.js';

const OPTIONS = { imageWidths: [320, 64, 2000, 64], maxPixels: 10_000_000 };

/** Something photo-like: blurred noise (a solid colour or a synthetic pattern hides how lossy encoders behave). */
async function photo(width: number, height: number): Promise<Sharp> {
  const noise = await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
    .blur(1.5)
    .png()
    .toBuffer();
  return sharp(noise);
}

const byName = (variants: ImageVariant[]): Record<string, ImageVariant> => Object.fromEntries(variants.map((variant) => [variant.variant, variant]));

describe('imageVariants', () => {
  it('strips EXIF and ICC metadata after applying the EXIF orientation', async () => {
    // 400×200 stored, EXIF orientation 6 (rotate 90° clockwise to display): displayed 200×400.
    const jpeg = await (await photo(400, 200)).withMetadata({ orientation: 6 }).withIccProfile('srgb').jpeg({ quality: 95 }).toBuffer();
    const source = await sharp(jpeg).metadata();
    expect(source.exif).toBeDefined();
    expect(source.icc).toBeDefined();
    const { optimized } = byName(await imageVariants('jpeg', jpeg, OPTIONS));
    const output = await sharp(optimized!.body).metadata();
    expect(output).toMatchObject({ format: 'jpeg', width: 200, height: 400 });
    expect(output.exif).toBeUndefined();
    expect(output.icc).toBeUndefined();
    expect(output.orientation).toBeUndefined();
    expect(optimized).toMatchObject({ width: 200, height: 400, contentType: 'image/jpeg' });
  });

  it('produces decodable WebP and AVIF, and resized versions only for widths below the image’s', async () => {
    const png = await (await photo(400, 300)).png({ compressionLevel: 0 }).toBuffer();
    const variants = byName(await imageVariants('png', png, OPTIONS));
    expect(Object.keys(variants).sort()).toEqual(['avif', 'optimized', 'w320', 'w320.avif', 'w320.webp', 'w64', 'w64.avif', 'w64.webp', 'webp']);
    for (const variant of Object.values(variants)) {
      const decoded = await sharp(variant.body).metadata();
      expect(decoded.width).toBe(variant.width);
      expect(decoded.height).toBe(variant.height);
      expect(`image/${decoded.format === 'heif' ? 'avif' : decoded.format}`).toBe(variant.contentType);
    }
    expect(variants['w320']).toMatchObject({ width: 320, height: 240, contentType: 'image/png' });
    expect(variants['optimized']!.body.length).toBeLessThan(png.length);
  });

  it('keeps WebP and AVIF only when smaller than the original format at the same width', async () => {
    const png = await (await photo(300, 200)).png().toBuffer();
    const variants = await imageVariants('png', png, { imageWidths: [100], maxPixels: 1_000_000 });
    const original = byName(variants);
    for (const variant of variants.filter((candidate) => /webp|avif/u.test(candidate.variant))) {
      const base = variant.variant.startsWith('w100') ? original['w100'] : original['optimized'];
      expect(variant.body.length).toBeLessThan(base!.body.length);
    }
  });

  it('re-encodes a WebP source as WebP and adds no second WebP variant', async () => {
    const webp = await (await photo(200, 100)).webp({ quality: 100 }).toBuffer();
    const names = (await imageVariants('webp', webp, { imageWidths: [100], maxPixels: 1_000_000 })).map((variant) => variant.variant);
    expect(names).toContain('optimized');
    expect(names).toContain('w100');
    expect(names).not.toContain('webp');
    expect(names).not.toContain('w100.webp');
  });

  it('gives a GIF no resized versions', async () => {
    const gif = await (await photo(200, 100)).gif().toBuffer();
    const variants = await imageVariants('gif', gif, OPTIONS);
    expect(variants.map((variant) => variant.variant).filter((name) => /^w\d/u.test(name))).toEqual([]);
    expect(byName(variants)['optimized']).toMatchObject({ contentType: 'image/gif', width: 200, height: 100 });
  });

  it('refuses an image over the pixel cap before decoding it (decompression bomb) with IMAGE_TOO_LARGE (413)', async () => {
    // 8000×8000 of one colour: 64 megapixels in a few kilobytes of PNG.
    const bomb = await sharp({ create: { width: 8_000, height: 8_000, channels: 3, background: '#ffffff' } }).png().toBuffer();
    expect(bomb.length).toBeLessThan(300_000);
    const failure = imageVariants('png', bomb, { imageWidths: [320], maxPixels: 40_000_000 });
    await expect(failure).rejects.toBeInstanceOf(CdnException);
    await expect(failure).rejects.toMatchObject({ code: CdnExceptionCode.IMAGE_TOO_LARGE, status: 413 });
  });

  it('treats a pixel cap of 0 as a cap, not as sharp’s "no limit"', async () => {
    const png = await (await photo(8, 8)).png().toBuffer();
    await expect(imageVariants('png', png, { imageWidths: [], maxPixels: 0 })).rejects.toMatchObject({ code: CdnExceptionCode.IMAGE_TOO_LARGE });
  });

  it('refuses a corrupt or truncated image with INVALID_CONTENT (422)', async () => {
    const jpeg = await (await photo(64, 64)).jpeg().toBuffer();
    await expect(imageVariants('jpeg', jpeg.subarray(0, jpeg.length / 2), OPTIONS)).rejects.toMatchObject({ code: CdnExceptionCode.INVALID_CONTENT, status: 422 });
    await expect(imageVariants('png', Buffer.from('\x89PNG\r\n\x1a\nnot really'), OPTIONS)).rejects.toMatchObject({ code: CdnExceptionCode.INVALID_CONTENT });
  });

  it('refuses bytes that decode as another format than the detected kind', async () => {
    const png = await (await photo(16, 16)).png().toBuffer();
    await expect(imageVariants('jpeg', png, OPTIONS)).rejects.toMatchObject({ code: CdnExceptionCode.INVALID_CONTENT });
  });

  it('reports progress per width group', async () => {
    const png = await (await photo(200, 100)).png().toBuffer();
    const steps: string[] = [];
    await imageVariants('png', png, { imageWidths: [50, 100], maxPixels: 1_000_000, onProgress: (done, total, message) => steps.push(`${done}/${total} ${message}`) });
    expect(steps).toEqual(['1/3 full size encoded', '2/3 width 50 encoded', '3/3 width 100 encoded']);
  });
});
