import type { ByteRange } from './asset-storage.js';

/** S3 and Azure both cap a key at 1,024 characters; most filesystems cap one path segment at 255 bytes. */
export const MAX_STORAGE_KEY_LENGTH = 1024;
const MAX_SEGMENT_LENGTH = 255;
const KEY_CHARACTERS = /^[a-z0-9._/-]+$/;

/**
 * Throws a plain Error when `key` is not a storage key. Keys are built by the CDN code, never taken from a request
 * as they are, so a bad one is a programmer error. A segment may not start with a dot: that keeps `.`/`..` out and
 * leaves `.tmp` to the local strategy's spool directory.
 */
export function assertStorageKey(key: string): void {
  const problem = keyProblem(key, false);
  if (problem !== undefined) {
    throw new Error(`Invalid storage key ${JSON.stringify(key)}: ${problem}`);
  }
}

/** Like assertStorageKey, for a list prefix: may be empty and may end with `/` or part-way through a segment. */
export function assertStoragePrefix(prefix: string): void {
  const problem = prefix === '' ? undefined : keyProblem(prefix, true);
  if (problem !== undefined) {
    throw new Error(`Invalid storage prefix ${JSON.stringify(prefix)}: ${problem}`);
  }
}

/** Throws a plain Error unless `range` is an inclusive range of non-negative safe integers with start <= end. */
export function assertByteRange(range: ByteRange): void {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new Error(`Invalid byte range ${start}-${end}`);
  }
}

function keyProblem(key: string, isPrefix: boolean): string | undefined {
  if (key.length > MAX_STORAGE_KEY_LENGTH) {
    return `longer than ${MAX_STORAGE_KEY_LENGTH} characters`;
  }
  if (!KEY_CHARACTERS.test(key)) {
    return 'only a-z, 0-9, ".", "_", "/" and "-" are allowed';
  }
  if (key.includes('..')) {
    return 'contains ".."';
  }
  const segments = key.split('/');
  const last = segments.length - 1;
  for (const [index, segment] of segments.entries()) {
    if (segment === '' && !(isPrefix && index === last)) {
      return index === 0 ? 'starts with "/"' : 'has an empty segment';
    }
    if (segment.startsWith('.')) {
      return 'a segment starts with "."';
    }
    if (segment.length > MAX_SEGMENT_LENGTH) {
      return `a segment is longer than ${MAX_SEGMENT_LENGTH} characters`;
    }
  }
  return undefined;
}
