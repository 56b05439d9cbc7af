import { jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { CacheException, CacheExceptionCode, type CacheService } from '../../src/modules/cache/index.js';
import type { CacheInstance } from './cache-instance.js';

/**
 * What every cache configuration must do (vendure's cache contract suite): run by cache-contract.spec.ts against
 * memory only and against L1 + Redis L2.
 */
export function describeCacheContract(open: () => Promise<CacheInstance>): void {
  let instance: CacheInstance;
  let cache: CacheService;

  beforeEach(async () => {
    instance = await open();
    cache = instance.cache;
  });

  afterEach(async () => {
    await instance.close();
  });

  describe('get and set', () => {
    it('misses a key never set, then returns what was set', async () => {
      const users = cache.namespace('users');

      await expect(users.get('u1')).resolves.toBeUndefined();
      await users.set('u1', { name: 'Mary', roles: ['admin'] });

      await expect(users.get('u1')).resolves.toEqual({ name: 'Mary', roles: ['admin'] });
    });

    it('keeps namespaces apart', async () => {
      await cache.namespace('a').set('k', 1);

      await expect(cache.namespace('b').get('k')).resolves.toBeUndefined();
      await expect(cache.namespace('a').get('k')).resolves.toBe(1);
    });

    it('honours the TTL and reports the time left, not an expiry timestamp', async () => {
      const short = cache.namespace('short');
      await short.set('k', 'v', { ttl: 150 });

      const left = await short.ttl('k');
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThanOrEqual(150);
      await sleep(200);
      await expect(short.get('k')).resolves.toBeUndefined();
      await expect(short.ttl('k')).resolves.toBeUndefined();
    });

    it.each([
      ['a large value (compressed)', { text: 'lorem ipsum dolor sit amet '.repeat(40_000) }],
      ['a large incompressible value', { bytes: randomBytes(200_000) }],
      ['binary', Buffer.from([0, 1, 2, 127, 128, 254, 255])],
      ['unicode', { text: 'Zoë 🎉 naïve 日本語 e\u0301 \u{1F468}\u200D\u{1F469}', key: 'ключ' }],
      ['null', null],
      ['numbers and booleans', { int: 42, float: -0.5, big: 2 ** 53 - 1, yes: true, no: false }],
      ['a date', { at: new Date('2026-11-22T10:15:30.000Z') }],
    ])('round-trips %s', async (_, value) => {
      const values = cache.namespace('values');
      await values.set('k', value);

      const read = await values.get('k');
      expect(Buffer.isBuffer(value) ? Buffer.from(read as Uint8Array) : read).toEqual(value);
    });

    it('returns a frozen copy: neither the writer nor a reader can change what is cached', async () => {
      const values = cache.namespace('values');
      const original = { list: [1, 2], nested: { a: 1 } };
      await values.set('k', original);
      original.list.push(3);

      const read = await values.get<typeof original>('k');
      expect(read).toEqual({ list: [1, 2], nested: { a: 1 } });
      expect(() => (read as { nested: { a: number } }).nested.a++).toThrow(TypeError);
    });

    it('refuses undefined (it means "not cached") and bad options', async () => {
      const values = cache.namespace('values');

      await expect(values.set('k', undefined)).rejects.toMatchObject({ code: CacheExceptionCode.VALUE_NOT_CACHEABLE });
      await expect(values.set('k', 1, { ttl: 0 })).rejects.toMatchObject({ code: CacheExceptionCode.INVALID_OPTIONS });
      await expect(values.set('k', 1, { grace: -1 })).rejects.toMatchObject({ code: CacheExceptionCode.INVALID_OPTIONS });
      await expect(values.set('k', 1, { ttl: 1.5 })).rejects.toMatchObject({ code: CacheExceptionCode.INVALID_OPTIONS });
    });

    it.each([
      ['empty', ''],
      ['too long', 'k'.repeat(513)],
      ['a control character', 'a\nb'],
      ['a lone surrogate', 'a\ud800b'],
    ])('refuses a key that is %s', async (_, key) => {
      await expect(cache.namespace('keys').get(key)).rejects.toBeInstanceOf(CacheException);
      await expect(cache.namespace('keys').set(key, 1)).rejects.toMatchObject({ code: CacheExceptionCode.INVALID_KEY });
    });

    it('refuses a namespace with a colon or spaces', () => {
      expect(() => cache.namespace('a:b')).toThrow(CacheException);
      expect(() => cache.namespace('a b')).toThrow(CacheException);
    });
  });

  describe('many at once', () => {
    it('reads, writes and deletes many keys, keeping order and misses', async () => {
      const items = cache.namespace('items');
      await items.setMany([
        { key: 'a', value: 1 },
        { key: 'b', value: 2, options: { ttl: 60_000 } },
        { key: 'c', value: 3 },
      ]);

      await expect(items.getMany(['c', 'missing', 'a', 'b'])).resolves.toEqual([3, undefined, 1, 2]);
      await items.deleteMany(['a', 'c']);
      await expect(items.getMany(['a', 'b', 'c'])).resolves.toEqual([undefined, 2, undefined]);
    });
  });

  describe('invalidation', () => {
    it('drops every entry of a tag, across namespaces, and nothing else', async () => {
      await cache.namespace('users').set('u1', 1, { tags: ['team:7'] });
      await cache.namespace('teams').set('t7', 2, { tags: ['team:7', 'all'] });
      await cache.namespace('users').set('u2', 3, { tags: ['team:8'] });

      await cache.invalidateTags(['team:7']);

      await expect(cache.namespace('users').get('u1')).resolves.toBeUndefined();
      await expect(cache.namespace('teams').get('t7')).resolves.toBeUndefined();
      await expect(cache.namespace('users').get('u2')).resolves.toBe(3);
    });

    it('drops the keys a pattern matches, with * and ? and escapes', async () => {
      const users = cache.namespace('users');
      await users.setMany(['p:1', 'p:22', 'q:1', 'p*x'].map((key, i) => ({ key, value: i })));

      await cache.invalidatePattern('users:p:?');
      await expect(users.getMany(['p:1', 'p:22', 'q:1', 'p*x'])).resolves.toEqual([undefined, 1, 2, 3]);
      await cache.invalidatePattern('users:p\\*x');
      await expect(users.getMany(['p:22', 'p*x'])).resolves.toEqual([1, undefined]);
    });

    it('refuses character classes and a trailing escape in patterns', async () => {
      await expect(cache.invalidatePattern('users:[ab]')).rejects.toMatchObject({ code: CacheExceptionCode.INVALID_PATTERN });
      await expect(cache.invalidatePattern('users:\\')).rejects.toMatchObject({ code: CacheExceptionCode.INVALID_PATTERN });
    });

    it('drops full keys, and refuses one without its namespace', async () => {
      await cache.namespace('full').setMany([{ key: 'a:1', value: 1 }, { key: 'b', value: 2 }]);

      await expect(cache.invalidateKeys(['full:a:1'])).resolves.toBe(1);
      await expect(cache.namespace('full').getMany(['a:1', 'b'])).resolves.toEqual([undefined, 2]);
      await expect(cache.invalidateKeys(['nonamespace'])).rejects.toMatchObject({ code: CacheExceptionCode.INVALID_KEY });
    });

    it('clears one namespace only', async () => {
      await cache.namespace('a').setMany([{ key: '1', value: 1 }, { key: '2', value: 2 }]);
      await cache.namespace('ab').set('1', 3);

      await cache.namespace('a').clear();

      await expect(cache.namespace('a').getMany(['1', '2'])).resolves.toEqual([undefined, undefined]);
      await expect(cache.namespace('ab').get('1')).resolves.toBe(3);
    });
  });

  describe('getOrSet', () => {
    it('loads once, then serves the cached value', async () => {
      const loader = jest.fn(() => Promise.resolve({ id: 1 }));
      const users = cache.namespace('users');

      await expect(users.getOrSet('u1', loader)).resolves.toEqual({ id: 1 });
      await expect(users.getOrSet('u1', loader)).resolves.toEqual({ id: 1 });
      expect(loader).toHaveBeenCalledTimes(1);
    });

    it('runs the loader once for 1,000 concurrent cold calls', async () => {
      let runs = 0;
      const loader = async (): Promise<string> => {
        runs += 1;
        await sleep(50);
        return 'value';
      };

      const values = await Promise.all(Array.from({ length: 1_000 }, () => cache.namespace('hot').getOrSet('k', loader)));

      expect(runs).toBe(1);
      expect(new Set(values)).toEqual(new Set(['value']));
    });

    it('lets a loader error through when there is no grace copy, and caches nothing', async () => {
      const users = cache.namespace('users');

      await expect(users.getOrSet('u1', () => Promise.reject(new Error('source down')))).rejects.toThrow('source down');
      await expect(users.get('u1')).resolves.toBeUndefined();
    });

    it('serves the grace copy when the loader fails after expiry', async () => {
      const users = cache.namespace('users');
      await users.set('u1', 'old', { ttl: 50, grace: 60_000 });
      await sleep(80);

      await expect(users.get('u1')).resolves.toBeUndefined();
      await expect(users.getOrSet('u1', () => Promise.reject(new Error('source down')), { ttl: 50, grace: 60_000 })).resolves.toBe('old');
      expect(cache.stats().graceServed).toBe(1);
    });

    it('passes the grace copy to the loader', async () => {
      const users = cache.namespace('users');
      await users.set('u1', 1, { ttl: 30, grace: 60_000 });
      await sleep(60);

      await expect(users.getOrSet<number>('u1', ({ stale }) => (stale ?? 0) + 1)).resolves.toBe(2);
    });

    it('serves the grace copy past the soft timeout, and stores the late value when it comes', async () => {
      const users = cache.namespace('users');
      await users.set('u1', 'old', { ttl: 30, grace: 60_000 });
      await sleep(60);

      const slow = async (): Promise<string> => {
        await sleep(200);
        return 'new';
      };
      await expect(users.getOrSet('u1', slow, { softTimeout: 20 })).resolves.toBe('old');
      await sleep(300);
      await expect(users.get('u1')).resolves.toBe('new');
    });

    it('fails with CACHE.LOADER_TIMEOUT past the hard timeout without a grace copy', async () => {
      const slow = async (): Promise<string> => {
        await sleep(300);
        return 'late';
      };

      await expect(cache.namespace('users').getOrSet('u9', slow, { hardTimeout: 30 })).rejects.toMatchObject({ code: CacheExceptionCode.LOADER_TIMEOUT, status: 504 });
      await sleep(350);
    });

    it('does not cache a loader result of undefined', async () => {
      const users = cache.namespace('users');

      await expect(users.getOrSet('u1', () => undefined)).resolves.toBeUndefined();
      await expect(users.getOrSet('u1', () => 'now')).resolves.toBe('now');
    });
  });

  describe('stats', () => {
    it('counts L1 hits and misses and reports entries and bytes', async () => {
      const users = cache.namespace('users');
      await users.get('nope');
      await users.set('u1', 'x'.repeat(100));
      await users.get('u1');

      const stats = cache.stats();
      expect(stats.l1).toMatchObject({ hits: 1, misses: 1, hitRatio: 0.5, entries: 1 });
      expect(stats.l1.bytes).toBeGreaterThan(100);
    });
  });
}
