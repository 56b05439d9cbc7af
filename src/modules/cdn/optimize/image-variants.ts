import sharp, { type Sharp, type SharpOptions } from 'sharp';

import { CdnException, CdnExceptionCode } from '../cdn.exception.js';

export type ImageKind = 'png' | 'jpeg' | 'webp' | 'avif' | 'gif';

export interface ImageVariant {
  /** `optimized`, `webp`, `avif`, `w320`, `w320.webp`, `w320.avif`… */
  variant: string;
  contentType: string;
  width: number;
  height: number;
  body: Buffer;
}

export interface ImageVariantOptions {
  imageWidths: readonly number[];
  /** Decoded pixels (width × height, every frame) an input may have: the decompression-bomb cap. */
  maxPixels: number;
  onProgress?: (done: number, total: number, message: string) => void;
}

type Format = 'png' | 'jpeg' | 'webp' | 'avif' | 'gif';

const CONTENT_TYPE: Record<Format, string> = {
  png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp', avif: 'image/avif', gif: 'image/gif',
};

// PNG stays lossless (whoever chose PNG chose exact pixels); the lossy savings are what the WebP and AVIF variants are
// for. GIF reuses its palette, so re-encoding it loses nothing.
const ENCODE: Record<Format, (pipeline: Sharp) => Sharp> = {
  png: (pipeline) => pipeline.png({ compressionLevel: 9, adaptiveFiltering: true }),
  jpeg: (pipeline) => pipeline.jpeg({ mozjpeg: true, quality: 80 }),
  webp: (pipeline) => pipeline.webp({ quality: 80 }),
  avif: (pipeline) => pipeline.avif({ quality: 50 }),
  gif: (pipeline) => pipeline.gif({ reuse: true, effort: 10 }),
};

// sharp's name for what it decoded, to catch a file whose magic bytes and body disagree.
const SHARP_FORMAT: Record<ImageKind, string> = { png: 'png', jpeg: 'jpeg', webp: 'webp', avif: 'heif', gif: 'gif' };

interface Source {
  input: Buffer;
  kind: ImageKind;
  open: SharpOptions;
  width: number;
  pages: number;
}

/**
 * The image re-encoded without metadata (EXIF orientation applied first, then EXIF, ICC, XMP dropped: sharp keeps
 * none unless asked), plus WebP and AVIF at full size and, for each configured width below the image's, the
 * original format, WebP and AVIF resized. A WebP or AVIF is kept only when smaller than the original format at the
 * same width. Animations keep every frame but get no AVIF (sharp's AVIF has no animation), and GIFs get no resized
 * versions (resizing every frame of an animation costs more than it saves). `optimized` is always the re-encode, even when larger than the upload, because
 * the upload's bytes would carry its metadata (camera GPS position). Throws CdnException IMAGE_TOO_LARGE over
 * `maxPixels`, INVALID_CONTENT when the image cannot be decoded.
 */
export async function imageVariants(kind: ImageKind, input: Buffer, options: ImageVariantOptions): Promise<ImageVariant[]> {
  const source = await inspect(kind, input, options.maxPixels);
  const widths = kind === 'gif' ? [] : [...new Set(options.imageWidths)].filter((width) => width > 0 && width < source.width).sort((a, b) => a - b);
  const groups: (number | null)[] = [null, ...widths];
  const variants: ImageVariant[] = [];
  for (const [index, width] of groups.entries()) {
    variants.push(...(await widthGroup(source, width)));
    options.onProgress?.(index + 1, groups.length, width === null ? 'full size encoded' : `width ${width} encoded`);
  }
  return variants;
}

async function inspect(kind: ImageKind, input: Buffer, maxPixels: number): Promise<Source> {
  const animated = kind === 'gif' || kind === 'webp';
  // sharp reads a limit of 0 as "no limit": never let a zero from configuration switch the cap off. failOn 'warning'
  // (sharp's default) refuses a truncated file instead of storing an image that is grey from the cut downwards.
  const open: SharpOptions = { animated, failOn: 'warning', limitInputPixels: Math.max(1, maxPixels) };
  const metadata = await decoding(() => sharp(input, open).metadata());
  if (metadata.format !== SHARP_FORMAT[kind]) {
    throw new CdnException(CdnExceptionCode.INVALID_CONTENT, `The ${kind} image decodes as ${metadata.format}.`);
  }
  const swapped = (metadata.orientation ?? 1) >= 5;
  const height = metadata.pageHeight ?? metadata.height;
  return { input, kind, open, width: swapped ? height : metadata.width, pages: metadata.pages ?? 1 };
}

/** The original format, then WebP and AVIF unless they are the original or not smaller than it. */
async function widthGroup(source: Source, width: number | null): Promise<ImageVariant[]> {
  const prefix = width === null ? '' : `w${width}`;
  const alternatives = (['webp', 'avif'] as const).filter((format) => format !== source.kind && (format === 'webp' || source.pages === 1));
  const [original, ...others] = await Promise.all([source.kind, ...alternatives].map(async (format) => encode(source, format, width)));
  const base = { ...original!, variant: prefix === '' ? 'optimized' : prefix };
  const smaller = others.filter((other) => other.body.length < base.body.length);
  return [base, ...smaller.map((other) => ({ ...other, variant: prefix === '' ? other.variant : `${prefix}.${other.variant}` }))];
}

async function encode(source: Source, format: Format, width: number | null): Promise<ImageVariant> {
  const pipeline = sharp(source.input, source.open).rotate();
  const resized = width === null ? pipeline : pipeline.resize({ width });
  const { data, info } = await decoding(async () => ENCODE[format](resized).toBuffer({ resolveWithObject: true }));
  return { variant: format, contentType: CONTENT_TYPE[format], width: info.width, height: Math.round(info.height / source.pages), body: data };
}

async function decoding<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.includes('pixel limit')) {
      throw new CdnException(CdnExceptionCode.IMAGE_TOO_LARGE, 'The image has more pixels than the CDN decodes.');
    }
    throw new CdnException(CdnExceptionCode.INVALID_CONTENT, `The image cannot be decoded: ${message.split('\n')[0] ?? ''}`);
  }
}
