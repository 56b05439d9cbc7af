import type { ByteRange } from '../storage/asset-storage.js';

/** What a `Range` header asks of a body of known size. */
export type RangeRequest = { kind: 'full' } | { kind: 'partial'; range: ByteRange } | { kind: 'unsatisfiable' };

const FULL: RangeRequest = { kind: 'full' };
const UNSATISFIABLE: RangeRequest = { kind: 'unsatisfiable' };
const DIGITS = /^\d+$/;

/**
 * One RFC 9110 §14.1.2 byte range (`bytes=0-99`, `bytes=100-`, `bytes=-500`) against a body of `size` bytes; the end
 * is clamped to the body. Like nginx and `send`, a header that cannot be parsed, another unit, or several ranges
 * are ignored (the full body, 200): multipart/byteranges buys little for static assets. A range starting at or
 * past the end, or a zero-length suffix, is unsatisfiable (416).
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) {
    return FULL;
  }
  const equals = header.indexOf('=');
  if (equals < 0 || header.slice(0, equals).trim().toLowerCase() !== 'bytes') {
    return FULL;
  }
  const spec = header.slice(equals + 1).trim();
  const dash = spec.indexOf('-');
  if (dash < 0 || spec.includes(',')) {
    return FULL;
  }
  const first = spec.slice(0, dash).trim();
  const last = spec.slice(dash + 1).trim();
  if (first === '') {
    return suffixRange(last, size);
  }
  if (!DIGITS.test(first) || (last !== '' && !DIGITS.test(last))) {
    return FULL;
  }
  const start = Number(first);
  const end = last === '' ? Infinity : Number(last);
  if (end < start) {
    return FULL;
  }
  return start >= size ? UNSATISFIABLE : { kind: 'partial', range: { start, end: Math.min(end, size - 1) } };
}

function suffixRange(length: string, size: number): RangeRequest {
  if (!DIGITS.test(length)) {
    return FULL;
  }
  const suffix = Number(length);
  if (suffix === 0 || size === 0) {
    return UNSATISFIABLE;
  }
  return { kind: 'partial', range: { start: Math.max(0, size - suffix), end: size - 1 } };
}

/**
 * Whether `If-Range` lets the Range apply (RFC 9110 §13.1.5): an entity tag must match the current one by strong
 * comparison (a weak tag never does); an HTTP-date must equal Last-Modified exactly. Absent: the Range applies.
 */
export function ifRangeMatches(ifRange: string | undefined, etag: string, lastModified: string): boolean {
  if (ifRange === undefined) {
    return true;
  }
  const value = ifRange.trim();
  if (value.startsWith('"') || value.startsWith('W/')) {
    return value === etag && !etag.startsWith('W/');
  }
  return value === lastModified;
}
