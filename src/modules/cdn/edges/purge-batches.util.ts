/** Splits `items` into consecutive chunks of at most `size` (the edge's per-call cap); no empty chunks. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  }
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}

/** Drops repeats, keeping first-seen order, so a batch never spends its cap on the same entry twice. */
export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/**
 * A `Retry-After` value in milliseconds: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). Null when absent or
 * unreadable; a date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  const text = value?.trim();
  if (!text) {
    return null;
  }
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }
  // All three HTTP-date forms start with the day name; this keeps Date.parse from reading '-5' as a year.
  const at = /^[A-Za-z]{3}/.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
