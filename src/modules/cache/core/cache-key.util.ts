import { CacheException, CacheExceptionCode } from '../cache.exception.js';

export const MAX_KEY_LENGTH = 512;
export const MAX_TAG_LENGTH = 128;
export const MAX_TAGS = 32;
const NAMESPACE = /^[A-Za-z0-9_.-]{1,64}$/;
/** Whether `text` holds a C0 or C1 control or DEL: they break logs, Redis tooling and HTTP paths. */
export function hasControlChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) {
      return true;
    }
  }
  return false;
}

function checkText(text: unknown, maxLength: number): string | null {
  if (typeof text !== 'string' || text.length === 0) {
    return 'must be a non-empty string';
  }
  if (text.length > maxLength) {
    return `must be at most ${maxLength} characters`;
  }
  if (hasControlChar(text)) {
    return 'must not contain control characters';
  }
  return text.isWellFormed() ? null : 'must be well-formed Unicode';
}

/** A namespace: 1-64 letters, digits, `_`, `.` or `-` (no `:`, which separates it from the key). */
export function assertNamespace(namespace: string): void {
  if (!NAMESPACE.test(namespace)) {
    throw new CacheException(CacheExceptionCode.INVALID_NAMESPACE, 'A cache namespace is 1-64 letters, digits, "_", "." or "-".');
  }
}

export function assertKey(key: string): void {
  const problem = checkText(key, MAX_KEY_LENGTH);
  if (problem !== null) {
    throw new CacheException(CacheExceptionCode.INVALID_KEY, `A cache key ${problem}.`);
  }
}

export function assertTags(tags: readonly string[]): void {
  if (tags.length > MAX_TAGS) {
    throw new CacheException(CacheExceptionCode.INVALID_TAG, `An entry carries at most ${MAX_TAGS} tags.`);
  }
  for (const tag of tags) {
    const problem = checkText(tag, MAX_TAG_LENGTH);
    if (problem !== null) {
      throw new CacheException(CacheExceptionCode.INVALID_TAG, `A cache tag ${problem}.`);
    }
  }
}

/** The key both tiers know an entry by: `<namespace>:<key>`. */
export function fullKey(namespace: string, key: string): string {
  return `${namespace}:${key}`;
}
