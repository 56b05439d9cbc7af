import { slidingCount, type WindowCounter } from './window-counter.js';

interface Buckets {
  bucket: number;
  previous: number;
  current: number;
}

/**
 * Per-instance counts (single-instance mode, or while Redis is unreachable). Keys idle for two windows are swept
 * at most once per window, and the map is bounded so a flood of distinct addresses cannot grow it without limit.
 */
export class MemoryWindowCounter implements WindowCounter {
  private readonly counts = new Map<string, Buckets>();
  private lastSweepBucket = 0;

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  get keys(): number {
    return this.counts.size;
  }

  hit(key: string, threshold: number, nowMs: number): Promise<boolean> {
    const bucket = Math.floor(nowMs / this.windowMs);
    this.sweep(bucket);
    const known = this.counts.get(key);
    const buckets: Buckets =
      known?.bucket === bucket
        ? known
        : { bucket, previous: known?.bucket === bucket - 1 ? known.current : 0, current: 0 };
    buckets.current += 1;
    if (slidingCount(buckets.previous, buckets.current, nowMs, this.windowMs) >= threshold) {
      this.counts.delete(key);
      return Promise.resolve(true);
    }
    this.counts.set(key, buckets);
    return Promise.resolve(false);
  }

  private sweep(bucket: number): void {
    if (bucket > this.lastSweepBucket) {
      this.lastSweepBucket = bucket;
      for (const [key, buckets] of this.counts) {
        if (buckets.bucket < bucket - 1) {
          this.counts.delete(key);
        }
      }
    }
    // Still full of live keys: drop the oldest inserted, which a Map iterates first.
    while (this.counts.size >= this.maxKeys) {
      const oldest = this.counts.keys().next().value;
      if (oldest === undefined) {
        break;
      }
      this.counts.delete(oldest);
    }
  }
}
