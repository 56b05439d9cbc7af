import { runInNewContext } from 'node:vm';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import sharp from 'sharp';

import { CdnExceptionCode } from '../cdn.exception.js';
import { optimizeAsset, type OptimizedVariant } from './optimize-asset.js';

const OPTIONS = { imageWidths: [64], maxPixels: 1_000_000 };
const only = (variants: OptimizedVariant[]): OptimizedVariant => {
  expect(variants.map((variant) => variant.variant)).toEqual(['optimized']);
  return variants[0]!;
};

describe('optimizeAsset', () => {
  it('minifies JavaScript and precomputes gzip and Brotli of the minified code', async () => {
    const helpers = Array.from({ length: 20 }, (_, index) => `function add${index}(first, second) {\n  return first + second + ${index};\n}\n`);
    const source = Buffer.from(`${helpers.join('')}var total = add0(2, 3) + add19(0, 0);\n`);
    const result = await optimizeAsset('js', source, OPTIONS);
    const optimized = only(result.variants);
    expect(result.originalBytes).toBe(source.length);
    expect(optimized).toMatchObject({ contentType: 'text/javascript; charset=utf-8', width: null, height: null });
    expect(optimized.body.length).toBeLessThan(source.length);
    const scope: { total?: number } = {};
    runInNewContext(optimized.body.toString(), scope);
    expect(scope.total).toBe(24);
    expect(gunzipSync(optimized.gzip!).equals(optimized.body)).toBe(true);
    expect(brotliDecompressSync(optimized.br!).equals(optimized.body)).toBe(true);
  });

  it('keeps the original bytes when minifying does not make them smaller', async () => {
    const source = Buffer.from('a;');
    const optimized = only((await optimizeAsset('js', source, OPTIONS)).variants);
    expect(optimized.body.equals(source)).toBe(true);
    expect(optimized.gzip).toBeNull();
    expect(optimized.br).toBeNull();
  });

  it('minifies JSON without rounding numbers a double cannot hold', async () => {
    const source = Buffer.from('{\n  "id": 12345678901234567890,\n  "ratio": 1.50,\n  "tags": [ "a", "b" ]\n}\n');
    const optimized = only((await optimizeAsset('json', source, OPTIONS)).variants);
    expect(optimized.body.toString()).toBe('{"id":12345678901234567890,"ratio":1.50,"tags":["a","b"]}');
    expect(optimized.contentType).toBe('application/json; charset=utf-8');
  });

  it('refuses JSON that does not parse with INVALID_CONTENT', async () => {
    await expect(optimizeAsset('json', Buffer.from('{"a":'), OPTIONS)).rejects.toMatchObject({ code: CdnExceptionCode.INVALID_CONTENT });
  });

  it('minifies CSS and SVG, and stores text and WOFF2 as uploaded', async () => {
    const css = only((await optimizeAsset('css', Buffer.from('.a {\n  color: #ff0000;\n}\n'), OPTIONS)).variants);
    expect(css.body.toString()).toBe('.a{color:red}\n');
    const svg = only((await optimizeAsset('svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg">\n  <!-- c -->\n  <g><rect width="1" height="1"/></g>\n</svg>\n'), OPTIONS)).variants);
    expect(svg.body.toString()).toBe('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h1v1H0z"/></svg>');
    expect(svg.contentType).toBe('image/svg+xml');
    const text = Buffer.from('hello world\n'.repeat(50));
    const txt = only((await optimizeAsset('txt', text, OPTIONS)).variants);
    expect(txt.body.equals(text)).toBe(true);
    expect(gunzipSync(txt.gzip!).equals(text)).toBe(true);
    const font = Buffer.concat([Buffer.from('wOF2'), Buffer.from([0, 1, 0, 0]), Buffer.alloc(64, 7)]);
    const woff2 = only((await optimizeAsset('woff2', font, OPTIONS)).variants);
    expect(woff2).toMatchObject({ contentType: 'font/woff2', gzip: null, br: null });
    expect(woff2.body.equals(font)).toBe(true);
  });

  it('returns image variants without precompressed encodings and reports progress up to 100%', async () => {
    const png = await sharp({ create: { width: 128, height: 96, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).png().toBuffer();
    const progress: number[] = [];
    const result = await optimizeAsset('png', png, { ...OPTIONS, onProgress: (percent) => progress.push(percent) });
    const names = result.variants.map((variant) => variant.variant);
    expect(names).toContain('optimized');
    expect(names).toContain('w64');
    expect(result.variants.every((variant) => variant.gzip === null && variant.br === null)).toBe(true);
    expect(result.variants.find((variant) => variant.variant === 'w64')).toMatchObject({ width: 64, height: 48 });
    expect(progress).toEqual([50, 100]);
  });
});
