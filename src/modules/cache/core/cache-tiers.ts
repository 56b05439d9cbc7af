import type { InvalidationBus } from '../bus/invalidation-bus.js';
import type { L2Breaker } from '../l2/l2-breaker.js';
import type { RedisTier } from '../l2/redis-tier.js';
import { CacheCounters } from './cache-counters.js';
import { isFresh, isUsable, type CacheRecord, type L1Entry, type SharedRecord } from './cache-record.js';
import { deepFreeze } from './deep-freeze.util.js';
import type { EntryCodec } from './entry-codec.js';
import type { L1Cache } from './l1-cache.js';
import type { LatencyWindow } from './latency-window.js';

const L1_SAMPLE_EVERY = 1_024;

export interface SharedTier {
  tier: RedisTier;
  breaker: L2Breaker;
  latency: LatencyWindow;
}

/**
 * Both tiers as one: reads L1 then L2 (back-filling L1), writes both, and tells other instances through the bus.
 * L2 failures never escape: the breaker turns them into misses and skipped writes.
 */
export class CacheTiers {
  readonly counters = new CacheCounters();

  /** Set by the metrics: receives the duration of one L1 lookup in every L1_SAMPLE_EVERY. */
  onL1Sample: (seconds: number) => void = () => undefined;
  private lookups = 0;

  constructor(
    readonly l1: L1Cache,
    readonly shared: SharedTier | null,
    readonly bus: InvalidationBus | null,
    private readonly codec: EntryCodec,
  ) {}

  /** An L1 copy of `record`: its value decoded from `packed` (private to the cache) and frozen. */
  toL1(record: CacheRecord, packed: Buffer): L1Entry {
    return { value: deepFreeze(this.codec.unpack(packed)), freshUntil: record.freshUntil, staleUntil: record.staleUntil, tags: record.tags, bytes: packed.length };
  }

  /** The L1 entry while fresh; counts the hit or miss. */
  freshInL1(key: string, now: number): L1Entry | undefined {
    // Timing every lookup would cost as much as the lookup: one in L1_SAMPLE_EVERY is timed.
    if (++this.lookups % L1_SAMPLE_EVERY === 0) {
      const started = performance.now();
      this.l1.get(key, now);
      this.onL1Sample((performance.now() - started) / 1000);
    }
    const entry = this.l1.get(key, now);
    if (entry !== undefined && isFresh(entry, now)) {
      this.counters.l1Hits += 1;
      return entry;
    }
    this.counters.l1Misses += 1;
    return undefined;
  }

  /**
   * L2 records for `keys` (usable ones: fresh or in grace), or all undefined when L2 is absent or failing. Their
   * values are fresh decodes, frozen here, so they can go to L1 and to callers as they are.
   */
  async readShared(keys: readonly string[], now: number): Promise<(SharedRecord | undefined)[]> {
    const shared = this.shared;
    // Reads go through ioredis, whose commandTimeout (CACHE_L2_TIMEOUT_MS) bounds them.
    const records = shared === null ? undefined : await shared.breaker.run('get', () => shared.tier.getMany(keys, now), true);
    if (records === undefined) {
      this.counters.l2Errors += shared === null ? 0 : keys.length;
      return keys.map(() => undefined);
    }
    return records.map((record) => {
      const fresh = record !== undefined && isFresh(record, now);
      this.counters.l2Hits += fresh ? 1 : 0;
      this.counters.l2Misses += fresh ? 0 : 1;
      return record !== undefined && isUsable(record, now) ? { ...record, value: deepFreeze(record.value) } : undefined;
    });
  }

  /** Puts an L2 record (its value already frozen by readShared) into L1 and returns its L1 entry. */
  backfill(key: string, record: SharedRecord): L1Entry {
    const entry: L1Entry = { value: record.value, freshUntil: record.freshUntil, staleUntil: record.staleUntil, tags: record.tags, bytes: record.bytes };
    this.l1.set(key, entry);
    return entry;
  }

  /** Writes L1 at once, then L2, then tells other instances; resolves when L2 answered or gave up. */
  async write(writes: readonly { key: string; record: CacheRecord; packed: Buffer }[], now: number): Promise<void> {
    for (const { key, record, packed } of writes) {
      this.l1.set(key, this.toL1(record, packed));
    }
    const shared = this.shared;
    if (shared !== null) {
      await shared.breaker.run('set', () => shared.tier.setMany(writes, now));
    }
    this.bus?.publish({ keys: writes.map(({ key }) => key) });
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      this.l1.delete(key);
    }
    const shared = this.shared;
    if (shared !== null) {
      await shared.breaker.run('delete', () => shared.tier.deleteMany(keys));
    }
    this.bus?.publish({ keys: [...keys] });
  }
}
