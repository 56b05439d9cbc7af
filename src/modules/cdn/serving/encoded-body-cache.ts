import type { ServerResponse } from 'node:http';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { LRUCache } from 'lru-cache';

import type { AssetStorage, ByteRange } from '../storage/asset-storage.js';
import type { Representation } from './served-asset.js';

export interface EncodedBodyCacheOptions {
  /** Bound on the bytes of all cached bodies together. */
  maxBytes: number;
  /** Bodies larger than this are never cached, but streamed from storage on every request. */
  maxObjectBytes: number;
}

/**
 * Hot asset bodies, exactly as sent (already encoded), in a byte-bounded LRU keyed by storage key. Keys are
 * content-addressed, so an entry never goes stale. Concurrent misses for one key share a single storage read
 * (lru-cache's fetch). Large bodies never enter memory: `open` streams them from storage.
 */
export class EncodedBodyCache {
  private readonly lru: LRUCache<string, Buffer, Representation>;

  constructor(
    private readonly storage: AssetStorage,
    private readonly options: EncodedBodyCacheOptions,
  ) {
    this.lru = new LRUCache<string, Buffer, Representation>({
      maxSize: Math.max(1, options.maxBytes),
      maxEntrySize: Math.max(1, Math.min(options.maxObjectBytes, options.maxBytes)),
      sizeCalculation: (body) => Math.max(1, body.length),
      fetchMethod: async (key, _stale, { context }) => readWhole(await storage.read(key), context.size, key),
    });
  }

  /** Whether a body of `size` bytes is served from memory (else streamed). */
  holds(size: number): boolean {
    return size <= this.options.maxObjectBytes && size <= this.options.maxBytes;
  }

  /** The cached body, without touching storage. */
  peek(key: string): Buffer | undefined {
    return this.lru.get(key);
  }

  /** The whole body of a representation that `holds`, from memory or read once from storage. */
  async load(representation: Representation): Promise<Buffer> {
    const body = await this.lru.fetch(representation.storageKey, { context: representation });
    if (body === undefined) {
      throw new Error(`No body fetched for ${representation.storageKey}`);
    }
    return body;
  }

  /** The body, or the inclusive range of it, streamed straight from storage. */
  open(representation: Representation, range?: ByteRange): Promise<Readable> {
    return this.storage.read(representation.storageKey, range);
  }

  get stats(): { entries: number; bytes: number } {
    return { entries: this.lru.size, bytes: this.lru.calculatedSize };
  }
}

/** Reads a stored object whole, refusing one whose length differs from what was recorded (it would break Content-Length). */
async function readWhole(source: Readable, size: number, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > size) {
      source.destroy();
      break;
    }
    chunks.push(chunk);
  }
  if (total !== size) {
    throw new Error(`Stored object ${key} has ${total}${total > size ? '+' : ''} bytes, expected ${size}`);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
}

/** Passes exactly `expected` bytes through, failing the pipeline when the source yields more or fewer. */
function exactLength(expected: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      seen += chunk.length;
      callback(seen > expected ? new Error(`Stream exceeded ${expected} bytes`) : null, chunk);
    },
    flush(callback: TransformCallback) {
      callback(seen === expected ? null : new Error(`Stream ended at ${seen} of ${expected} bytes`));
    },
  });
}

/**
 * Streams `source` into an already started response. Resolves null when all `expected` bytes went out, else with
 * why not: the client went away (ERR_STREAM_PREMATURE_CLOSE), the source failed, or it lied about its length. Then
 * the pipeline has destroyed both ends: the storage stream is released and the half-sent response is cut, never
 * completed with wrong bytes.
 */
export async function pipeBody(source: Readable, res: ServerResponse, expected: number): Promise<Error | null> {
  try {
    await pipeline(source, exactLength(expected), res);
    return null;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
