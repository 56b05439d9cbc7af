import sharp from 'sharp';

import { CdnException, CdnExceptionCode } from '../cdn.exception.js';

/**
 * Reads only an image's header to refuse decompression bombs before anything is stored: a few KB of PNG can declare
 * billions of pixels, which sharp would refuse later anyway (limitInputPixels), but only after the upload succeeded.
 */
export async function assertImageWithinLimits(path: string, maxPixels: number): Promise<void> {
  let width: number | undefined;
  let height: number | undefined;
  let pages: number;
  try {
    const metadata = await sharp(path, { limitInputPixels: false, animated: true }).metadata();
    width = metadata.width;
    height = metadata.pageHeight ?? metadata.height;
    pages = metadata.pages ?? 1;
  } catch {
    throw new CdnException(CdnExceptionCode.INVALID_CONTENT, 'The image could not be read: it is corrupt or truncated.');
  }
  if (width === undefined || height === undefined || width < 1 || height < 1) {
    throw new CdnException(CdnExceptionCode.INVALID_CONTENT, 'The image declares no dimensions.');
  }
  if (width * height * pages > maxPixels) {
    throw new CdnException(CdnExceptionCode.IMAGE_TOO_LARGE, `The image has ${width}×${height}${pages > 1 ? `×${pages} frames` : ''} pixels; at most ${maxPixels} are accepted.`);
  }
}
