import KeyvRedis from '@keyv/redis';
import { createCache, type Cache } from 'cache-manager';
import type { Redis } from 'ioredis';
import { Keyv } from 'keyv';

import type { CacheRecord, SharedRecord } from '../core/cache-record.js';
import type { EntryCodec } from '../core/entry-codec.js';
import type { RedisCacheClient } from './redis-cache-client.js';

export interface TierWrite {
  key: string;
  record: CacheRecord;
}

const SCAN_BATCH = 1_000;

// Atomically takes a tag's member set and deletes it, so a key tagged meanwhile lands in a fresh set.
const POP_TAG = `local keys = redis.call('SMEMBERS', KEYS[1]); redis.call('UNLINK', KEYS[1]); return keys`;
// Releases a lock only if it is still the caller's (a lock that expired may belong to someone else now).
const RELEASE_LOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/**
 * L2: Redis through @keyv/redis. Writes go through cache-manager 7 over a Keyv store with our codec, so the stored
 * format is Keyv's; reads skip both wrappers (one MGET, one decode) because their per-call cost would double an L2
 * hit. Tags, patterns and locks use the adapter's node-redis client directly: Keyv has no such operations.
 * Every method rejects on a Redis error; the caller's circuit breaker decides what that means.
 */
export class RedisTier {
  private readonly store: KeyvRedis<string>;
  private readonly writer: Cache;

  constructor(
    private readonly client: RedisCacheClient,
    private readonly codec: EntryCodec,
    private readonly prefix: string,
    /** Reads only: a dedicated ioredis connection (see getMany). */
    private readonly reader: Redis,
  ) {
    this.store = new KeyvRedis<string>(client, { throwOnErrors: true, throwOnConnectError: true, useUnlink: true });
    const keyv = new Keyv({ store: this.store, namespace: undefined, useKeyPrefix: false, serialize: codec.serialize, deserialize: codec.deserialize, throwOnErrors: true });
    // Errors reach callers as rejections (throwOnErrors); without a listener an emitted 'error' would throw too.
    keyv.on('error', () => undefined);
    this.store.on('error', () => undefined);
    this.writer = createCache({ stores: [keyv] });
  }

  redisKey(key: string): string {
    return `${this.prefix}:${key}`;
  }

  private tagKey(tag: string): string {
    return `${this.prefix}~tag:${tag}`;
  }

  private lockKey(key: string): string {
    return `${this.prefix}~lock:${key}`;
  }

  /**
   * One MGET for all `keys`; undefined where absent, past its grace or unreadable. On its own ioredis connection:
   * an L2 hit must cost little more than a raw ioredis GET (issue 5), and through Keyv's getMany and node-redis it
   * cost 1.3–1.4× one in bench/cache; the stored format is the same either way.
   */
  async getMany(keys: readonly string[], now = Date.now()): Promise<(SharedRecord | undefined)[]> {
    const raw = await this.reader.mget(keys.map((key) => this.redisKey(key)));
    return raw.map((text) => {
      try {
        const read = this.codec.deserializeSized<CacheRecord>(text ?? undefined);
        const record = read?.envelope.value;
        return read === undefined || record === undefined || now >= record.staleUntil ? undefined : { ...record, bytes: read.bytes };
      } catch {
        return undefined;
      }
    });
  }

  /** One MULTI for the values (cache-manager → Keyv → @keyv/redis), pipelined with the tag sets' updates. */
  async setMany(writes: readonly TierWrite[], now = Date.now()): Promise<void> {
    const list = writes.map(({ key, record }) => ({ key: this.redisKey(key), value: record, ttl: Math.max(1, record.staleUntil - now) }));
    const tagged = writes.filter(({ record }) => record.tags.length > 0);
    await Promise.all([this.writer.mset(list), tagged.length > 0 ? this.indexTags(tagged, now) : undefined]);
  }

  private async indexTags(writes: readonly TierWrite[], now: number): Promise<void> {
    const pipeline = this.client.multi();
    for (const { key, record } of writes) {
      const ttl = Math.max(1, record.staleUntil - now);
      for (const tag of record.tags) {
        const tagKey = this.tagKey(tag);
        pipeline.sAdd(tagKey, this.redisKey(key));
        // A tag set lives as long as its longest-lived member: NX sets a first expiry, GT only ever extends it.
        pipeline.pExpire(tagKey, ttl, 'NX');
        pipeline.pExpire(tagKey, ttl, 'GT');
      }
    }
    await pipeline.execAsPipeline();
  }

  /** One MULTI of UNLINKs; returns how many keys existed. */
  async deleteMany(keys: readonly string[]): Promise<void> {
    await this.store.deleteMany(keys.map((key) => this.redisKey(key)));
  }

  /** Deletes every key of `tags` and the tags' sets; returns how many keys were deleted. */
  async deleteTagged(tags: readonly string[]): Promise<number> {
    let deleted = 0;
    for (const tag of tags) {
      const keys = (await this.client.eval(POP_TAG, { keys: [this.tagKey(tag)] })) as string[];
      for (let start = 0; start < keys.length; start += SCAN_BATCH) {
        deleted += await this.client.unlink(keys.slice(start, start + SCAN_BATCH));
      }
    }
    return deleted;
  }

  /** SCAN + UNLINK (never KEYS) of every key matching `pattern` (over `<namespace>:<key>`); returns how many. */
  async deleteMatching(pattern: string): Promise<number> {
    let deleted = 0;
    let cursor = '0';
    do {
      const page = await this.client.scan(cursor, { MATCH: this.redisKey(pattern), COUNT: SCAN_BATCH, TYPE: 'string' });
      cursor = String(page.cursor);
      if (page.keys.length > 0) {
        deleted += await this.client.unlink(page.keys);
      }
    } while (cursor !== '0');
    return deleted;
  }

  /** The lock's token when this caller got it; null when another holder has it. */
  async tryLock(key: string, token: string, ttlMs: number): Promise<boolean> {
    return (await this.client.set(this.lockKey(key), token, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } })) === 'OK';
  }

  async unlock(key: string, token: string): Promise<void> {
    await this.client.eval(RELEASE_LOCK, { keys: [this.lockKey(key)], arguments: [token] });
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  /** Ends both connections; one that is down is dropped at once rather than waited for (shutdown must not hang). */
  async close(): Promise<void> {
    if (this.reader.status === 'ready') {
      await this.reader.quit().catch(() => this.reader.disconnect());
    } else {
      this.reader.disconnect();
    }
    if (this.client.isReady) {
      await this.client.close().catch(() => this.client.destroy());
    } else {
      this.client.destroy();
    }
  }
}
