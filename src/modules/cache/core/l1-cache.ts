import { LRUCache } from 'lru-cache';

import type { L1Entry } from './cache-record.js';

export interface L1Limits {
  maxEntries: number;
  maxBytes: number;
}

/** Per entry overhead beyond its encoded value (key, record, index), so tiny entries still count. */
const ENTRY_OVERHEAD_BYTES = 96;

/**
 * The in-process tier: an LRU (lru-cache) bounded by entries and bytes, with an index from tag to keys so a tag
 * invalidation touches only its entries. Entries past their grace are dropped when read; the LRU evicts the rest.
 */
export class L1Cache {
  private readonly lru: LRUCache<string, L1Entry>;
  private readonly keysByTag = new Map<string, Set<string>>();

  constructor(limits: L1Limits) {
    this.lru = new LRUCache<string, L1Entry>({
      max: limits.maxEntries,
      maxSize: limits.maxBytes,
      sizeCalculation: (entry, key) => entry.bytes + 2 * key.length + ENTRY_OVERHEAD_BYTES,
      dispose: (entry, key) => this.unindex(key, entry),
    });
  }

  /** The entry while it is usable (fresh or in grace); the caller tells which. */
  get(key: string, now: number): L1Entry | undefined {
    const entry = this.lru.get(key);
    if (entry !== undefined && now >= entry.staleUntil) {
      this.lru.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, entry: L1Entry): void {
    this.lru.set(key, entry);
    // lru-cache refuses an entry larger than the whole byte bound; index only what it kept.
    if (entry.tags.length > 0 && this.lru.peek(key) === entry) {
      for (const tag of entry.tags) {
        let keys = this.keysByTag.get(tag);
        if (keys === undefined) {
          keys = new Set();
          this.keysByTag.set(tag, keys);
        }
        keys.add(key);
      }
    }
  }

  delete(key: string): boolean {
    return this.lru.delete(key);
  }

  /** Drops every entry carrying one of `tags`; returns how many. */
  deleteTagged(tags: readonly string[]): number {
    let deleted = 0;
    for (const tag of tags) {
      for (const key of [...(this.keysByTag.get(tag) ?? [])]) {
        deleted += this.lru.delete(key) ? 1 : 0;
      }
    }
    return deleted;
  }

  /** Drops every entry whose key `matches`; returns how many. */
  deleteMatching(matches: (key: string) => boolean): number {
    let deleted = 0;
    for (const key of [...this.lru.keys()]) {
      if (matches(key)) {
        deleted += this.lru.delete(key) ? 1 : 0;
      }
    }
    return deleted;
  }

  clear(): void {
    this.lru.clear();
  }

  get entries(): number {
    return this.lru.size;
  }

  get bytes(): number {
    return this.lru.calculatedSize;
  }

  private unindex(key: string, entry: L1Entry): void {
    for (const tag of entry.tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) {
        this.keysByTag.delete(tag);
      }
    }
  }
}
