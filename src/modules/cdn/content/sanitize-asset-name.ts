import { CdnException, CdnExceptionCode } from '../cdn.exception.js';

export const MAX_ASSET_NAME_LENGTH = 128;

// C0, DEL, C1, and the bidi embeddings/overrides/isolates and marks that make "evil\u202Egnp.js" read as "evilsj.png".
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
const COMBINING_MARKS = /[\u0300-\u036F]/gu;
const UNSAFE = /[^A-Za-z0-9._-]+/gu;
const REPEATED_SEPARATOR = /([._-])\1+/gu;
const EDGE_DOTS_DASHES = /^[.-]+|[.-]+$/gu;
const EXTENSION = /\.[A-Za-z0-9]{1,16}$/u;

/**
 * A client's file name reduced to something safe in a URL path and a file system: the last path segment only, no
 * control or bidi characters, ASCII letters, digits, `.`, `_`, `-` (accented Latin letters keep their base letter,
 * anything else becomes `-`), no leading dot (hidden file) and at most 128 characters with the extension kept.
 * Throws CdnException INVALID_NAME when nothing usable is left.
 */
export function sanitizeAssetName(raw: string): string {
  const visible = raw.normalize('NFC').replace(INVISIBLE, '');
  const base = visible.split(/[\\/]/u).pop() ?? '';
  const ascii = base.normalize('NFD').replace(COMBINING_MARKS, '').replace(UNSAFE, '-');
  const cleaned = ascii.replace(REPEATED_SEPARATOR, '$1').replace(EDGE_DOTS_DASHES, '');
  if (cleaned === '' || cleaned === '.' || cleaned === '..') {
    throw new CdnException(CdnExceptionCode.INVALID_NAME, 'The file name has no usable characters.');
  }
  return truncateKeepingExtension(cleaned);
}

function truncateKeepingExtension(name: string): string {
  if (name.length <= MAX_ASSET_NAME_LENGTH) {
    return name;
  }
  const extension = EXTENSION.exec(name)?.[0] ?? '';
  const stem = name.slice(0, MAX_ASSET_NAME_LENGTH - extension.length).replace(EDGE_DOTS_DASHES, '');
  return `${stem}${extension}`;
}
