import { CacheException, CacheExceptionCode } from './cache.exception.js';
import type { Invalidation } from './bus/invalidation-message.js';
import { type CacheDefaults, type CacheLoader, type CacheLoadOptions, type CacheWriteOptions, MAX_DURATION_MS } from './core/cache-options.js';
import type { CacheRecord } from './core/cache-record.js';
import { CacheTiers } from './core/cache-tiers.js';
import { assertKey, assertNamespace, assertTags, fullKey } from './core/cache-key.util.js';
import type { EntryCodec } from './core/entry-codec.js';
import { assertPattern, globMatcher } from './core/glob-pattern.util.js';
import { LoadCoordinator } from './core/load-coordinator.js';
import { SingleFlight } from './core/single-flight.js';
import { CacheNamespace } from './cache-namespace.js';
import { cacheStats, type CacheStats } from './cache-stats.js';

export interface CacheEntryInput<T = unknown> {
  key: string;
  value: T;
  options?: CacheWriteOptions;
}

/**
 * The two-tier cache: L1 in process, L2 in Redis (when configured), kept coherent across instances over pub/sub.
 * Reads that L1 can answer never leave the process; nothing here ever fails a request because Redis did.
 * Use `namespace(name)` for a scoped view; methods here take the namespace first.
 */
export class CacheService {
  private readonly flights = new SingleFlight();
  private readonly loads: LoadCoordinator;
  private readonly namespaces = new Map<string, CacheNamespace>();

  constructor(
    readonly tiers: CacheTiers,
    private readonly codec: EntryCodec,
    private readonly defaults: CacheDefaults,
    /** The most a value may encode to through the entries API (CACHE_MAX_VALUE_BYTES). */
    readonly maxValueBytes = Number.POSITIVE_INFINITY,
  ) {
    this.loads = new LoadCoordinator(tiers, defaults.lockTtlMs);
  }

  /** CACHE_DEFAULT_TTL_MS: what an entry written without a `ttl` lives. */
  get defaultTtlMs(): number {
    return this.defaults.ttlMs;
  }

  namespace(name: string): CacheNamespace {
    let view = this.namespaces.get(name);
    if (view === undefined) {
      assertNamespace(name);
      view = new CacheNamespace(this, name);
      this.namespaces.set(name, view);
    }
    return view;
  }

  async get<T>(namespace: string, key: string): Promise<T | undefined> {
    const id = this.keyOf(namespace, key);
    const now = Date.now();
    const entry = this.tiers.freshInL1(id, now);
    if (entry !== undefined) {
      return entry.value as T;
    }
    const [record] = await this.tiers.readShared([id], now);
    return record !== undefined && now < record.freshUntil ? (this.tiers.backfill(id, record).value as T) : undefined;
  }

  /** Values of `keys` in order; every L1 miss is fetched in one MGET. */
  async getMany<T>(namespace: string, keys: readonly string[]): Promise<(T | undefined)[]> {
    const ids = keys.map((key) => this.keyOf(namespace, key));
    const now = Date.now();
    const values: (T | undefined)[] = new Array<T | undefined>(ids.length);
    const missing: number[] = [];
    ids.forEach((id, index) => {
      const entry = this.tiers.freshInL1(id, now);
      if (entry === undefined) {
        missing.push(index);
      } else {
        values[index] = entry.value as T;
      }
    });
    if (missing.length > 0) {
      const records = await this.tiers.readShared(
        missing.map((index) => ids[index] as string),
        now,
      );
      missing.forEach((index, at) => {
        const record = records[at];
        values[index] = record !== undefined && now < record.freshUntil ? (this.tiers.backfill(ids[index] as string, record).value as T) : undefined;
      });
    }
    return values;
  }

  async set<T>(namespace: string, key: string, value: T, options: CacheWriteOptions = {}): Promise<void> {
    await this.setMany(namespace, [{ key, value, options }]);
  }

  /** Writes every entry to L1, then all of them to L2 in one round trip. */
  async setMany(namespace: string, entries: readonly CacheEntryInput[]): Promise<void> {
    const now = Date.now();
    const writes = entries.map(({ key, value, options }) => {
      const id = this.keyOf(namespace, key);
      const record = this.recordOf(value, options ?? {}, now);
      return { key: id, record, packed: this.codec.pack(value) };
    });
    await this.tiers.write(writes, now);
  }

  async delete(namespace: string, key: string): Promise<void> {
    await this.deleteMany(namespace, [key]);
  }

  async deleteMany(namespace: string, keys: readonly string[]): Promise<void> {
    this.tiers.counters.invalidations.keys += keys.length;
    await this.tiers.delete(keys.map((key) => this.keyOf(namespace, key)));
  }

  /**
   * The cached value, or the loader's (stored with `options`). One loader per key runs at a time in this process
   * and, with Redis, across instances; grace copies cover loader failures and timeouts (see CacheLoadOptions).
   */
  async getOrSet<T>(namespace: string, key: string, loader: CacheLoader<T>, options: CacheLoadOptions = {}): Promise<T> {
    const id = this.keyOf(namespace, key);
    const entry = this.tiers.freshInL1(id, Date.now());
    if (entry !== undefined) {
      return entry.value as T;
    }
    this.checkOptions(options);
    const store = (value: T): Promise<void> => this.setMany(namespace, [{ key, value, options }]);
    return this.flights.run(id, () => this.loads.load({ namespace, key, fullKey: id, loader, options, store })) as Promise<T>;
  }

  /** Milliseconds the entry stays fresh, or undefined when it is not cached (cache-manager's `ttl` gives an expiry time). */
  async ttl(namespace: string, key: string): Promise<number | undefined> {
    const id = this.keyOf(namespace, key);
    const now = Date.now();
    const record: CacheRecord | undefined = this.tiers.l1.get(id, now) ?? (await this.tiers.readShared([id], now))[0];
    return record !== undefined && now < record.freshUntil ? record.freshUntil - now : undefined;
  }

  /** Bytes `value` takes encoded (msgpack, before compression): what the L1 byte bound and size limits count. */
  encodedSize(value: unknown): number {
    return this.codec.pack(value).length;
  }

  /** Drops full keys (`<namespace>:<key>`) from both tiers and every L1; returns how many were given. */
  async invalidateKeys(keys: readonly string[]): Promise<number> {
    const ids = keys.map((id) => {
      const colon = id.indexOf(':');
      if (colon < 1) {
        throw new CacheException(CacheExceptionCode.INVALID_KEY, 'A full key is <namespace>:<key>.');
      }
      return this.keyOf(id.slice(0, colon), id.slice(colon + 1));
    });
    this.tiers.counters.invalidations.keys += ids.length;
    await this.tiers.delete(ids);
    return ids.length;
  }

  /** Drops every entry carrying one of `tags`, in both tiers and on every instance; returns L2 keys deleted. */
  async invalidateTags(tags: readonly string[]): Promise<number> {
    assertTags(tags);
    this.tiers.counters.invalidations.tags += tags.length;
    const local = this.tiers.l1.deleteTagged(tags);
    const shared = this.tiers.shared;
    const deleted = shared === null ? local : ((await shared.breaker.run('invalidate', () => shared.tier.deleteTagged(tags))) ?? local);
    this.tiers.bus?.publish({ tags: [...tags] });
    return deleted;
  }

  /** Drops every entry whose `<namespace>:<key>` matches `pattern` (`*`, `?`, `\` escapes); SCAN + UNLINK in L2. */
  async invalidatePattern(pattern: string): Promise<number> {
    assertPattern(pattern);
    this.tiers.counters.invalidations.patterns += 1;
    return this.dropMatching(pattern);
  }

  /** Drops a whole namespace. */
  async clear(namespace: string): Promise<number> {
    assertNamespace(namespace);
    this.tiers.counters.invalidations.clears += 1;
    return this.dropMatching(`${namespace}:*`);
  }

  private async dropMatching(pattern: string): Promise<number> {
    const local = this.tiers.l1.deleteMatching(globMatcher(pattern));
    const shared = this.tiers.shared;
    const deleted = shared === null ? local : ((await shared.breaker.run('invalidate', () => shared.tier.deleteMatching(pattern))) ?? local);
    this.tiers.bus?.publish({ patterns: [pattern] });
    return deleted;
  }

  /** Applies another instance's invalidation to this L1 (see InvalidationBus). */
  applyRemote(invalidation: Invalidation): void {
    this.tiers.counters.invalidations.remote += 1;
    for (const key of invalidation.keys ?? []) {
      this.tiers.l1.delete(key);
    }
    this.tiers.l1.deleteTagged(invalidation.tags ?? []);
    for (const pattern of invalidation.patterns ?? []) {
      this.tiers.l1.deleteMatching(globMatcher(pattern));
    }
    if (invalidation.all === true) {
      this.tiers.l1.clear();
    }
  }

  stats(): CacheStats {
    return cacheStats(this.tiers, this.flights.inFlight);
  }

  private keyOf(namespace: string, key: string): string {
    if (!this.namespaces.has(namespace)) {
      this.namespace(namespace);
    }
    assertKey(key);
    return fullKey(namespace, key);
  }

  private recordOf(value: unknown, options: CacheWriteOptions, now: number): CacheRecord {
    if (value === undefined) {
      throw new CacheException(CacheExceptionCode.VALUE_NOT_CACHEABLE, 'undefined cannot be cached: it means "not cached"; store null instead.');
    }
    const { ttl, grace, tags } = this.checkOptions(options);
    return { value, freshUntil: now + ttl, staleUntil: now + ttl + grace, tags };
  }

  private checkOptions(options: CacheLoadOptions): { ttl: number; grace: number; tags: readonly string[] } {
    const ttl = options.ttl ?? this.defaults.ttlMs;
    const grace = options.grace ?? this.defaults.graceMs;
    const durations = [['ttl', ttl, 1], ['grace', grace, 0], ['softTimeout', options.softTimeout ?? 1, 1], ['hardTimeout', options.hardTimeout ?? 1, 1]] as const;
    for (const [name, duration, min] of durations) {
      if (!Number.isInteger(duration) || duration < min || duration > MAX_DURATION_MS) {
        throw new CacheException(CacheExceptionCode.INVALID_OPTIONS, `${name} must be a whole number of milliseconds from ${min} to ${MAX_DURATION_MS}.`);
      }
    }
    const tags = options.tags ?? [];
    assertTags(tags);
    return { ttl, grace, tags };
  }
}
