import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

import { type AssetStorage, StorageObjectNotFoundError, StorageSizeMismatchError } from '../../src/modules/cdn/storage/index.js';

export interface AssetStorageInstance {
  storage: AssetStorage;
  teardown(): Promise<void>;
}

/** Where a test emulator departs from the real service; the suite then leaves out only the inputs it gets wrong. */
export interface EmulatorQuirks {
  /** s3rver lists `a/b` before `a-b` (walking directories), where S3 lists in byte order. */
  listsDirectoriesFirst?: boolean;
}

const BINARY = 'application/octet-stream';
const FIVE_MIB = 5 * 1024 * 1024;

/**
 * What every AssetStorage must do (vendure's one contract suite per strategy): run by cdn-storage.spec.ts against
 * the local filesystem, s3rver and Azurite. `setup` gives an empty, initialised store whose list pages hold 5 keys.
 */
export function describeAssetStorageContract(name: string, setup: () => Promise<AssetStorageInstance>, quirks: EmulatorQuirks = {}): void {
  describe(name, () => {
    let instance: AssetStorageInstance;
    let storage: AssetStorage;

    beforeEach(async () => {
      instance = await setup();
      storage = instance.storage;
    });

    afterEach(async () => {
      await instance.teardown();
    });

    describe('put and read', () => {
      it('stores a Buffer and reads it back byte for byte', async () => {
        const bytes = randomBytes(10_000);

        await expect(storage.put('objects/a/original', bytes, { contentType: 'image/png' })).resolves.toEqual({ key: 'objects/a/original', size: 10_000 });

        expect(await readAll(await storage.read('objects/a/original'))).toEqual(bytes);
      });

      it.each([
        ['of unknown length', undefined],
        ['of declared length', 3 * 70_000],
      ])('stores a stream %s', async (_label, size) => {
        const chunks = [randomBytes(70_000), randomBytes(70_000), randomBytes(70_000)];

        await expect(storage.put('objects/s/original', Readable.from(chunks), { contentType: BINARY, size })).resolves.toEqual({
          key: 'objects/s/original',
          size: 210_000,
        });

        expect(await readAll(await storage.read('objects/s/original'))).toEqual(Buffer.concat(chunks));
      });

      it('keeps every byte value and an empty object', async () => {
        const every = Buffer.from(Array.from({ length: 256 }, (_, value) => value));
        await storage.put('bin/all', Readable.from([every]), { contentType: BINARY });
        await storage.put('bin/empty', Buffer.alloc(0), { contentType: BINARY });

        expect(await readAll(await storage.read('bin/all'))).toEqual(every);
        expect(await readAll(await storage.read('bin/empty'))).toEqual(Buffer.alloc(0));
        await expect(storage.stat('bin/empty')).resolves.toEqual({ key: 'bin/empty', size: 0 });
      });

      it('replaces an object put again under the same key', async () => {
        await storage.put('k/same', Buffer.from('first version, longer'), { contentType: 'text/plain' });
        await storage.put('k/same', Buffer.from('second'), { contentType: 'text/plain' });

        expect((await readAll(await storage.read('k/same'))).toString()).toBe('second');
        await expect(storage.stat('k/same')).resolves.toEqual({ key: 'k/same', size: 6 });
      });

      it('stores concurrent puts of different keys', async () => {
        const bodies = Array.from({ length: 8 }, () => randomBytes(50_000));

        await Promise.all(bodies.map((body, index) => storage.put(`c/${index}`, Readable.from([body.subarray(0, 25_000), body.subarray(25_000)]), { contentType: BINARY })));

        for (const [index, body] of bodies.entries()) {
          expect(await readAll(await storage.read(`c/${index}`))).toEqual(body);
        }
      });

      it('streams a 5 MiB object in and out in chunks, unchanged', async () => {
        const digest = createHash('sha256');
        const source = Readable.from(generateChunks(FIVE_MIB, 256 * 1024, (chunk) => digest.update(chunk)));

        await expect(storage.put('big/file', source, { contentType: BINARY })).resolves.toEqual({ key: 'big/file', size: FIVE_MIB });

        const back = createHash('sha256');
        let largest = 0;
        let total = 0;
        for await (const chunk of await storage.read('big/file')) {
          back.update(chunk as Buffer);
          largest = Math.max(largest, (chunk as Buffer).length);
          total += (chunk as Buffer).length;
        }
        expect(total).toBe(FIVE_MIB);
        expect(back.digest('hex')).toBe(digest.digest('hex'));
        expect(largest).toBeLessThan(FIVE_MIB);
      });
    });

    describe('read a range', () => {
      const bytes = Buffer.from(Array.from({ length: 1000 }, (_, index) => (index * 7) % 256));

      it.each([
        ['the first byte', 0, 0],
        ['the middle', 100, 599],
        ['the last byte', 999, 999],
        ['the whole object', 0, 999],
      ])('returns exactly %s', async (_label, start, end) => {
        await storage.put('r/obj', bytes, { contentType: BINARY });

        expect(await readAll(await storage.read('r/obj', { end, start }))).toEqual(bytes.subarray(start, end + 1));
      });

      it('refuses a range that ends before it starts', async () => {
        await storage.put('r/obj', bytes, { contentType: BINARY });

        await expect(storage.read('r/obj', { end: 1, start: 2 })).rejects.toThrow('Invalid byte range');
      });
    });

    describe('missing objects', () => {
      it('reads a missing key as StorageObjectNotFoundError and stats it as null', async () => {
        await storage.put('m/present', Buffer.from('x'), { contentType: BINARY });

        await expect(storage.read('m/absent')).rejects.toEqual(new StorageObjectNotFoundError('m/absent'));
        await expect(storage.read('m/absent', { end: 0, start: 0 })).rejects.toBeInstanceOf(StorageObjectNotFoundError);
        await expect(storage.read('m')).rejects.toBeInstanceOf(StorageObjectNotFoundError);
        await expect(storage.stat('m/absent')).resolves.toBeNull();
        await expect(storage.stat('m/present')).resolves.toEqual({ key: 'm/present', size: 1 });
      });
    });

    describe('delete', () => {
      it('removes present keys and ignores absent ones', async () => {
        await storage.put('d/1', Buffer.from('one'), { contentType: BINARY });
        await storage.put('d/2', Buffer.from('two'), { contentType: BINARY });
        await storage.put('d/keep', Buffer.from('keep'), { contentType: BINARY });

        await storage.delete(['d/1', 'd/absent', 'd/2', 'never/was']);
        await storage.delete([]);

        await expect(storage.stat('d/1')).resolves.toBeNull();
        await expect(storage.stat('d/2')).resolves.toBeNull();
        await expect(collect(storage.list(''))).resolves.toEqual([{ key: 'd/keep', size: 4 }]);
      });
    });

    describe('list', () => {
      it('lists by prefix in key order across pages', async () => {
        // "-" and "." sort before "/": a walk that lists a directory before its punctuated siblings gets this wrong.
        const punctuated = quirks.listsDirectoriesFirst === true ? [] : ['l/a-b', 'l/a.x'];
        const keys = [...punctuated, 'l/a/c', 'l/a/b/z', 'l/b', 'l/0', 'l/a_', ...Array.from({ length: 9 }, (_, i) => `l/n/${i}`)];
        await Promise.all([...keys, 'other/x', 'l2'].map((key) => storage.put(key, Buffer.from(key), { contentType: BINARY })));
        const sorted = [...keys].sort();

        await expect(collect(storage.list('l/'))).resolves.toEqual(sorted.map((key) => ({ key, size: key.length })));
        await expect(keysOf(storage.list('l/a'))).resolves.toEqual(sorted.filter((key) => key.startsWith('l/a')));
        await expect(keysOf(storage.list('l/a/'))).resolves.toEqual(['l/a/b/z', 'l/a/c']);
        await expect(keysOf(storage.list(''))).resolves.toEqual([...sorted, 'l2', 'other/x'].sort());
        await expect(keysOf(storage.list('none/'))).resolves.toEqual([]);
      });
    });

    describe('all or nothing', () => {
      it.each([
        ['of unknown length', undefined],
        ['of declared length', 10 * 64 * 1024],
      ])('leaves no object when a body %s fails mid-way', async (_label, size) => {
        const failure = new Error('client went away');

        await expect(storage.put('f/broken', failingStream(failure), { contentType: BINARY, size })).rejects.toBe(failure);

        await expect(storage.stat('f/broken')).resolves.toBeNull();
        await expect(collect(storage.list(''))).resolves.toEqual([]);
      });

      it('keeps the old object when a replacing body fails', async () => {
        await storage.put('f/kept', Buffer.from('old'), { contentType: BINARY });

        await expect(storage.put('f/kept', failingStream(new Error('cut')), { contentType: BINARY })).rejects.toThrow('cut');

        expect((await readAll(await storage.read('f/kept'))).toString()).toBe('old');
      });

      it.each([
        ['a stream shorter than declared', () => Readable.from([Buffer.alloc(100)]), 101],
        ['a stream longer than declared', () => Readable.from([Buffer.alloc(100), Buffer.alloc(100)]), 150],
        ['a Buffer of another length', () => Buffer.alloc(100), 99],
      ])('rejects %s and stores nothing', async (_label, body, size) => {
        await expect(storage.put('z/size', body(), { contentType: BINARY, size })).rejects.toBeInstanceOf(StorageSizeMismatchError);

        await expect(storage.stat('z/size')).resolves.toBeNull();
      });
    });

    describe('keys', () => {
      it.each(['', '/abs', 'a//b', 'a/../b', '../a', 'a/./b', 'a/.hidden', 'Upper', 'sp ace', 'a\\b', 'trailing/', 'é', 'x'.repeat(1025)])(
        'rejects the key %j everywhere',
        async (key) => {
          await expect(storage.put(key, Buffer.from('x'), { contentType: BINARY })).rejects.toThrow('Invalid storage key');
          await expect(storage.read(key)).rejects.toThrow('Invalid storage key');
          await expect(storage.stat(key)).rejects.toThrow('Invalid storage key');
          await expect(storage.delete(['ok/key', key])).rejects.toThrow('Invalid storage key');
        },
      );

      it('rejects an invalid list prefix', async () => {
        await expect(collect(storage.list('../'))).rejects.toThrow('Invalid storage prefix');
      });
    });

    describe('init and ping', () => {
      it('initialises again without harm and answers ping', async () => {
        await storage.put('p/x', Buffer.from('x'), { contentType: BINARY });

        await storage.init();

        await expect(storage.ping()).resolves.toBeUndefined();
        await expect(storage.stat('p/x')).resolves.toEqual({ key: 'p/x', size: 1 });
      });
    });
  });
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) {
    all.push(item);
  }
  return all;
}

async function keysOf(items: AsyncIterable<{ key: string }>): Promise<string[]> {
  return (await collect(items)).map((item) => item.key);
}

function* generateChunks(total: number, chunkSize: number, seen: (chunk: Buffer) => void): Generator<Buffer> {
  for (let sent = 0; sent < total; sent += chunkSize) {
    const chunk = randomBytes(Math.min(chunkSize, total - sent));
    seen(chunk);
    yield chunk;
  }
}

/** Sends three 64 KiB chunks, then fails as a dropped upload does. */
function failingStream(error: Error): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent < 3) {
        sent += 1;
        this.push(randomBytes(64 * 1024));
      } else {
        this.destroy(error);
      }
    },
  });
}
