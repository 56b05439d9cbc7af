/**
 * Counts events per key over a sliding window (two fixed buckets, the previous one weighted by how much of it
 * still overlaps the window: O(1) per event and memory per key, unlike a log of timestamps).
 */
export interface WindowCounter {
  /**
   * Counts one event for `key` at `nowMs`; true exactly once when the count within the window reaches
   * `threshold`, after which the key's count starts again from zero.
   */
  hit(key: string, threshold: number, nowMs: number): Promise<boolean>;
}

export const WINDOW_COUNTER = Symbol('WindowCounter');

/** The sliding-window estimate: the current bucket plus the part of the previous one still inside the window. */
export function slidingCount(previous: number, current: number, nowMs: number, windowMs: number): number {
  const elapsed = (nowMs % windowMs) / windowMs;
  return previous * (1 - elapsed) + current;
}
