/** What both tiers keep per key. Times are epoch milliseconds. */
export interface CacheRecord {
  readonly value: unknown;
  /** Served as a hit until then. */
  readonly freshUntil: number;
  /** Kept until then (grace), served only when a loader fails or is slow. Equal to `freshUntil` without grace. */
  readonly staleUntil: number;
  readonly tags: readonly string[];
}

/** An L1 entry: the record with its value as a private, frozen copy, and its encoded size for the byte bound. */
export interface L1Entry extends CacheRecord {
  readonly bytes: number;
}

/** A record read from L2, with the size it took there (what L1 counts for it when back-filled). */
export interface SharedRecord extends CacheRecord {
  readonly bytes: number;
}

export function isFresh(record: CacheRecord, now: number): boolean {
  return now < record.freshUntil;
}

export function isUsable(record: CacheRecord, now: number): boolean {
  return now < record.staleUntil;
}
