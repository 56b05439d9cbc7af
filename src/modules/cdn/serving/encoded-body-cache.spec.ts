import { EncodedBodyCache } from './encoded-body-cache.js';
import type { Representation } from './served-asset.js';
import { MemoryAssetStorage } from './testing/memory-asset-storage.js';

function stored(storage: MemoryAssetStorage, key: string, bytes: Buffer, size = bytes.length): Representation {
  storage.objects.set(key, bytes);
  return { storageKey: key, contentType: 'text/plain', encoding: 'identity', size, etag: `"${key}"` };
}

describe(EncodedBodyCache.name, () => {
  let storage: MemoryAssetStorage;

  beforeEach(() => {
    storage = new MemoryAssetStorage();
    storage.chunkSize = 7;
  });

  describe('load', () => {
    it('reads storage once for concurrent misses of one key, and not again once cached', async () => {
      const cache = new EncodedBodyCache(storage, { maxBytes: 1000, maxObjectBytes: 100 });
      const representation = stored(storage, 'objects/a', Buffer.from('a body of several chunks'));

      const bodies = await Promise.all(Array.from({ length: 10 }, () => cache.load(representation)));
      await cache.load(representation);

      expect(storage.reads).toBe(1);
      expect(bodies.every((body) => body.toString() === 'a body of several chunks')).toBe(true);
      expect(cache.peek('objects/a')?.toString()).toBe('a body of several chunks');
    });

    it('keeps the cached bytes within maxBytes, evicting the least recently used', async () => {
      const cache = new EncodedBodyCache(storage, { maxBytes: 100, maxObjectBytes: 100 });
      const [a, b, c] = ['a', 'b', 'c'].map((name) => stored(storage, name, Buffer.alloc(40, name)));
      await cache.load(a!);
      await cache.load(b!);
      cache.peek('a');
      await cache.load(c!);

      expect(cache.stats.bytes).toBeLessThanOrEqual(100);
      expect(cache.peek('b')).toBeUndefined();
      expect(cache.peek('a')?.length).toBe(40);
      expect(cache.peek('c')?.length).toBe(40);
    });

    it('refuses an object whose stored length differs from the recorded size, and caches nothing for it', async () => {
      const cache = new EncodedBodyCache(storage, { maxBytes: 1000, maxObjectBytes: 100 });
      const short = stored(storage, 'short', Buffer.from('12345'), 9);
      const long = stored(storage, 'long', Buffer.from('123456789012345'), 9);

      await expect(cache.load(short)).rejects.toThrow('has 5 bytes, expected 9');
      await expect(cache.load(long)).rejects.toThrow('expected 9');
      await expect(cache.load(short)).rejects.toThrow();
      expect(storage.reads).toBe(3);
      expect(cache.stats.entries).toBe(0);
    });

    it('passes a missing object on as the storage error', async () => {
      const cache = new EncodedBodyCache(storage, { maxBytes: 1000, maxObjectBytes: 100 });
      const representation: Representation = { storageKey: 'gone', contentType: 'text/plain', encoding: 'identity', size: 3, etag: '"g"' };

      await expect(cache.load(representation)).rejects.toMatchObject({ name: 'StorageObjectNotFoundError', key: 'gone' });
    });
  });

  describe('holds', () => {
    it('holds bodies up to maxObjectBytes (and maxBytes) only', () => {
      expect(new EncodedBodyCache(storage, { maxBytes: 1000, maxObjectBytes: 100 }).holds(100)).toBe(true);
      expect(new EncodedBodyCache(storage, { maxBytes: 1000, maxObjectBytes: 100 }).holds(101)).toBe(false);
      expect(new EncodedBodyCache(storage, { maxBytes: 50, maxObjectBytes: 100 }).holds(60)).toBe(false);
    });
  });

  describe('open', () => {
    it('streams the whole body or an inclusive range from storage, caching nothing', async () => {
      const cache = new EncodedBodyCache(storage, { maxBytes: 1000, maxObjectBytes: 4 });
      const representation = stored(storage, 'big', Buffer.from('0123456789abcdef'));

      const whole = Buffer.concat(await (await cache.open(representation)).toArray());
      const part = Buffer.concat(await (await cache.open(representation, { start: 3, end: 9 })).toArray());

      expect(whole.toString()).toBe('0123456789abcdef');
      expect(part.toString()).toBe('3456789');
      expect(cache.stats.entries).toBe(0);
    });
  });
});
