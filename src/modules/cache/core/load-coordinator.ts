import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { CacheException, CacheExceptionCode } from '../cache.exception.js';
import type { CacheLoadOptions, CacheLoader } from './cache-options.js';
import { isFresh, isUsable, type SharedRecord } from './cache-record.js';
import type { CacheTiers } from './cache-tiers.js';

/** After a failed refresh, a grace copy is served this long before the loader is tried again. */
export const GRACE_BACKOFF_MS = 5_000;
const POLL_MS = 25;

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface LoadRequest<T> {
  namespace: string;
  key: string;
  fullKey: string;
  loader: CacheLoader<T>;
  options: CacheLoadOptions;
  /** Builds and writes the record of a loaded value (the service's `set`). */
  store: (value: T) => Promise<void>;
}

/**
 * What `getOrSet` does on an L1 miss, once per key per process (the caller's single flight): L2, then one loader
 * across instances (a short Redis lock; the others wait for its value, or serve their grace copy at once), with soft
 * and hard timeouts, and the grace copy served when the loader fails.
 */
export class LoadCoordinator {
  constructor(
    private readonly tiers: CacheTiers,
    private readonly lockTtlMs: number,
  ) {}

  async load<T>(request: LoadRequest<T>): Promise<T | undefined> {
    const now = Date.now();
    let stale: SharedRecord | undefined = this.tiers.l1.get(request.fullKey, now);
    const [shared] = await this.tiers.readShared([request.fullKey], now);
    if (shared !== undefined && isFresh(shared, now)) {
      return this.tiers.backfill(request.fullKey, shared).value as T;
    }
    if (shared !== undefined && (stale === undefined || shared.freshUntil > stale.freshUntil)) {
      stale = shared;
    }
    const token = randomUUID();
    let lock = await this.lock(request.fullKey, token);
    if (lock === 'busy') {
      if (stale !== undefined) {
        return this.serveStale<T>(stale);
      }
      const waited = await this.waitForOther(request.fullKey, token, Math.min(this.lockTtlMs, request.options.hardTimeout ?? this.lockTtlMs));
      if (typeof waited === 'object') {
        return this.tiers.backfill(request.fullKey, waited).value as T;
      }
      lock = waited;
    }
    if (lock === 'held') {
      const loaded = await this.storedMeanwhile(request.fullKey, token);
      if (loaded !== undefined) {
        return this.tiers.backfill(request.fullKey, loaded).value as T;
      }
    }
    return this.runLoader(request, stale, lock === 'held' ? token : null);
  }

  /**
   * The fresh L2 record another instance stored between this one's last read and its taking the lock (its loader
   * finished and let the lock go in that gap), with the lock released again; undefined when this one must load.
   * Without this second look, two loaders ran now and then for one cold key.
   */
  private async storedMeanwhile(key: string, token: string): Promise<SharedRecord | undefined> {
    const now = Date.now();
    const [record] = await this.tiers.readShared([key], now);
    if (record === undefined || !isFresh(record, now)) {
      return undefined;
    }
    await this.unlock(key, token);
    return record;
  }

  private async lock(key: string, token: string): Promise<'held' | 'busy' | 'none'> {
    const shared = this.tiers.shared;
    if (shared === null) {
      return 'none';
    }
    const got = await shared.breaker.run('lock', () => shared.tier.tryLock(key, token, this.lockTtlMs));
    return got === undefined ? 'none' : got ? 'held' : 'busy';
  }

  private async unlock(key: string, token: string | null): Promise<void> {
    const shared = this.tiers.shared;
    if (shared !== null && token !== null) {
      await shared.breaker.run('unlock', () => shared.tier.unlock(key, token));
    }
  }

  /**
   * Polls L2 for the value another instance is loading, until `waitMs`. When that instance lets the lock go without a
   * value (its loader failed, say while the database was down), this one takes the lock and loads itself rather than
   * waiting out the lock's whole TTL: the value, or the lock state to load with ('busy' when the wait ran out).
   */
  private async waitForOther(key: string, token: string, waitMs: number): Promise<SharedRecord | 'held' | 'busy' | 'none'> {
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      await sleep(POLL_MS);
      const now = Date.now();
      const [record] = await this.tiers.readShared([key], now);
      if (record !== undefined && isFresh(record, now)) {
        return record;
      }
      const lock = await this.lock(key, token);
      if (lock !== 'busy') {
        return lock;
      }
    }
    return 'busy';
  }

  private async runLoader<T>(request: LoadRequest<T>, stale: SharedRecord | undefined, token: string | null): Promise<T | undefined> {
    const { namespace, key, fullKey, loader, options } = request;
    this.tiers.counters.loaderRuns += 1;
    const staleValue = stale === undefined ? undefined : (stale.value as T);
    const settled: Promise<Outcome<T>> = Promise.resolve()
      .then(() => loader({ key, namespace, stale: staleValue }))
      .then(async (value): Promise<Outcome<T>> => {
        if (value !== undefined) {
          await request.store(value);
        }
        return { ok: true, value };
      })
      .catch((error: unknown): Outcome<T> => ({ ok: false, error }))
      .finally(() => this.unlock(fullKey, token));
    const timers: Promise<'soft' | 'hard'>[] = [];
    const abort = new AbortController();
    if (stale !== undefined && options.softTimeout !== undefined) {
      timers.push(sleep(options.softTimeout, 'soft' as const, { signal: abort.signal }).catch(() => 'soft' as const));
    }
    if (options.hardTimeout !== undefined) {
      timers.push(sleep(options.hardTimeout, 'hard' as const, { signal: abort.signal }).catch(() => 'hard' as const));
    }
    const first = await Promise.race([settled, ...timers]);
    abort.abort();
    if (first === 'soft' || first === 'hard') {
      if (stale !== undefined) {
        return this.serveStale<T>(stale);
      }
      throw new CacheException(CacheExceptionCode.LOADER_TIMEOUT, `The value of "${key}" took longer than ${options.hardTimeout} ms to load.`);
    }
    if (first.ok) {
      return first.value;
    }
    this.tiers.counters.loaderFailures += 1;
    if (stale !== undefined && isUsable(stale, Date.now())) {
      this.backOff(fullKey, stale);
      return this.serveStale<T>(stale);
    }
    throw first.error;
  }

  private serveStale<T>(stale: SharedRecord): T {
    this.tiers.counters.graceServed += 1;
    return stale.value as T;
  }

  /** Keeps serving the grace copy from L1 for a while, so a failing source is not called on every request. */
  private backOff(key: string, stale: SharedRecord): void {
    const now = Date.now();
    const entry = this.tiers.l1.get(key, now) ?? this.tiers.backfill(key, stale);
    this.tiers.l1.set(key, { ...entry, freshUntil: Math.min(entry.staleUntil, now + GRACE_BACKOFF_MS) });
  }
}
