import { Readable } from 'node:stream';

import { StorageObjectNotFoundError, type AssetStorage, type ByteRange, type PutOptions, type StoredObject } from '../../storage/asset-storage.js';

/**
 * An AssetStorage over a Map, for unit tests and benchmarks of code that reads assets. Not a strategy: it keeps
 * everything in memory. `reads` counts read() calls, so tests can see what reached storage.
 */
export class MemoryAssetStorage implements AssetStorage {
  readonly kind = 'local' as const;
  readonly objects = new Map<string, Buffer>();
  reads = 0;
  /** Bytes per chunk of read streams, to exercise multi-chunk bodies. */
  chunkSize = 16 * 1024;

  init(): Promise<void> {
    return Promise.resolve();
  }

  async put(key: string, body: Readable | Uint8Array, _options: PutOptions): Promise<StoredObject> {
    const bytes = body instanceof Uint8Array ? Buffer.from(body) : Buffer.concat(await body.toArray());
    this.objects.set(key, bytes);
    return { key, size: bytes.length };
  }

  read(key: string, range?: ByteRange): Promise<Readable> {
    this.reads += 1;
    const bytes = this.objects.get(key);
    if (bytes === undefined) {
      return Promise.reject(new StorageObjectNotFoundError(key));
    }
    const slice = range === undefined ? bytes : bytes.subarray(range.start, range.end + 1);
    return Promise.resolve(Readable.from(chunksOf(slice, this.chunkSize), { objectMode: false }));
  }

  stat(key: string): Promise<StoredObject | null> {
    const bytes = this.objects.get(key);
    return Promise.resolve(bytes === undefined ? null : { key, size: bytes.length });
  }

  delete(keys: readonly string[]): Promise<void> {
    keys.forEach((key) => this.objects.delete(key));
    return Promise.resolve();
  }

  list(prefix: string): AsyncIterable<StoredObject> {
    const keys = [...this.objects.keys()].filter((key) => key.startsWith(prefix)).sort();
    return Readable.from(keys.map((key): StoredObject => ({ key, size: this.objects.get(key)?.length ?? 0 })));
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

function* chunksOf(bytes: Buffer, size: number): Generator<Buffer> {
  for (let offset = 0; offset < bytes.length; offset += size) {
    yield bytes.subarray(offset, offset + size);
  }
}
