import type { AssetKind } from '../content/asset-kind.js';
import { CONTENT_TYPES } from '../content/detect-asset-kind.js';
import { CdnException, CdnExceptionCode } from '../cdn.exception.js';
import { type ImageKind, imageVariants } from './image-variants.js';
import { minifyCss } from './minify-css.js';
import { minifyScript } from './minify-script.js';
import { minifySvg } from './minify-svg.js';
import { precompress } from './precompress.js';

export interface OptimizedVariant {
  /** `optimized`, `webp`, `avif`, `w320`, `w320.webp`, `w320.avif`… */
  variant: string;
  contentType: string;
  width: number | null;
  height: number | null;
  body: Buffer;
  gzip: Buffer | null;
  br: Buffer | null;
}

export interface OptimizeResult {
  originalBytes: number;
  /** Always holds `optimized`. */
  variants: OptimizedVariant[];
}

export interface OptimizeOptions {
  imageWidths: number[];
  maxPixels: number;
  onProgress?: (percent: number, message: string) => void;
}

type TextKind = 'js' | 'mjs' | 'css' | 'svg' | 'json' | 'txt';

const MINIFY: Record<TextKind, (source: Buffer) => Promise<Buffer> | Buffer> = {
  js: minifyScript,
  mjs: minifyScript,
  css: minifyCss,
  svg: minifySvg,
  json: minifyJson,
  txt: (source) => source,
};

/**
 * Every stored variant of an upload whose kind and text were already checked (detectAssetKind, validateTextBody).
 * Text is minified (the original bytes are kept when minifying does not make them smaller) and gets gzip and Brotli
 * precomputed; images get their variants (see imageVariants); WOFF2 is stored as uploaded. Images and WOFF2 are not
 * precompressed: they are entropy-coded already (WOFF2 is Brotli inside), so gzip would spend CPU to save nothing.
 */
export async function optimizeAsset(kind: AssetKind, original: Buffer, options: OptimizeOptions): Promise<OptimizeResult> {
  const report = options.onProgress ?? (() => undefined);
  if (kind === 'woff2') {
    report(100, 'stored as uploaded');
    return { originalBytes: original.length, variants: [plain('optimized', CONTENT_TYPES.woff2, original)] };
  }
  if (kind in MINIFY) {
    const variants = [await optimizeText(kind as TextKind, original, report)];
    return { originalBytes: original.length, variants };
  }
  const images = await imageVariants(kind as ImageKind, original, {
    imageWidths: options.imageWidths,
    maxPixels: options.maxPixels,
    onProgress: (done, total, message) => report(Math.round((done / total) * 100), message),
  });
  return { originalBytes: original.length, variants: images.map((image) => ({ ...image, gzip: null, br: null })) };
}

async function optimizeText(kind: TextKind, original: Buffer, report: (percent: number, message: string) => void): Promise<OptimizedVariant> {
  const minified = await MINIFY[kind](original);
  const body = minified.length < original.length ? minified : original;
  report(50, 'minified');
  const { gzip, br } = await precompress(body);
  report(100, 'compressed');
  return { ...plain('optimized', CONTENT_TYPES[kind], body), gzip: gzip ?? null, br: br ?? null };
}

function plain(variant: string, contentType: string, body: Buffer): OptimizedVariant {
  return { variant, contentType, width: null, height: null, body, gzip: null, br: null };
}

interface RawJson {
  rawJSON(text: string): unknown;
}

/**
 * JSON without insignificant whitespace. Numbers are copied from the source text (`JSON.rawJSON`), so
 * 12345678901234567890 is not rounded to a double on the way through.
 */
function minifyJson(source: Buffer): Buffer {
  try {
    const exact = (_key: string, value: unknown, context?: { source?: string }): unknown =>
      typeof value === 'number' && context?.source !== undefined ? (JSON as unknown as RawJson).rawJSON(context.source) : value;
    return Buffer.from(JSON.stringify(JSON.parse(source.toString('utf8'), exact)));
  } catch (error) {
    throw new CdnException(CdnExceptionCode.INVALID_CONTENT, `The JSON does not parse: ${(error as Error).message}`);
  }
}
