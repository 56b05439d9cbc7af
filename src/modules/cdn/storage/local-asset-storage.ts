import { randomUUID } from 'node:crypto';
import { createWriteStream, type Dirent } from 'node:fs';
import { mkdir, open, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import {
  type AssetStorage,
  type ByteRange,
  type PutOptions,
  type StoredObject,
  StorageObjectNotFoundError,
} from './asset-storage.js';
import { assertDeclaredSize, ByteCounter, bufferStream } from './storage-body.util.js';
import { assertByteRange, assertStorageKey, assertStoragePrefix } from './storage-key.util.js';

const SPOOL_DIR = '.tmp';

/**
 * Objects as files under `root`, one per key. A put writes a temp file inside the same tree (so the final rename
 * never crosses filesystems), fsyncs it and renames it into place: readers see the old file or the new one, never
 * a partial one. A key may not be both an object and a prefix of another (`a` and `a/b`); content-addressed keys
 * never are.
 */
export class LocalAssetStorage implements AssetStorage {
  readonly kind = 'local';
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async init(): Promise<void> {
    await mkdir(join(this.root, SPOOL_DIR), { recursive: true });
  }

  async put(key: string, body: Readable | Uint8Array, options: PutOptions): Promise<StoredObject> {
    assertStorageKey(key);
    assertDeclaredSize(options.size);
    const source = body instanceof Uint8Array ? bufferStream(body) : body;
    const temp = join(this.root, SPOOL_DIR, randomUUID());
    const counter = new ByteCounter(key, options.size);
    try {
      await mkdir(dirname(temp), { recursive: true });
      await writeDurably(temp, source, counter);
      await this.moveIntoPlace(temp, this.path(key));
    } catch (error) {
      source.destroy();
      await rm(temp, { force: true });
      throw error;
    }
    return { key, size: counter.bytes };
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    assertStorageKey(key);
    if (range !== undefined) {
      assertByteRange(range);
    }
    const handle = await open(this.path(key), 'r').catch((error: unknown) => {
      throw isMissing(error) ? new StorageObjectNotFoundError(key) : error;
    });
    if ((await handle.stat()).isDirectory()) {
      await handle.close();
      throw new StorageObjectNotFoundError(key);
    }
    return handle.createReadStream({ start: range?.start, end: range?.end });
  }

  async stat(key: string): Promise<StoredObject | null> {
    assertStorageKey(key);
    try {
      const stats = await stat(this.path(key));
      return stats.isFile() ? { key, size: stats.size } : null;
    } catch (error) {
      if (isMissing(error)) {
        return null;
      }
      throw error;
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    keys.forEach(assertStorageKey);
    for (const key of keys) {
      await rm(this.path(key), { force: true });
      await this.pruneEmptyParents(key);
    }
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    assertStoragePrefix(prefix);
    const slash = prefix.lastIndexOf('/');
    const base = slash < 0 ? '' : prefix.slice(0, slash + 1);
    for await (const key of this.walk(base, prefix)) {
      const stored = await this.stat(key);
      if (stored !== null) {
        yield stored;
      }
    }
  }

  async ping(): Promise<void> {
    await stat(join(this.root, SPOOL_DIR));
  }

  async close(): Promise<void> {
    // Nothing is held open between calls.
  }

  private path(key: string): string {
    return join(this.root, ...key.split('/'));
  }

  /** Keys under directory `dir` (`''` or ending in `/`) that start with `prefix`, in key order. */
  private async *walk(dir: string, prefix: string): AsyncGenerator<string> {
    let entries: Dirent[];
    try {
      entries = await readdir(join(this.root, dir), { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) {
        return;
      }
      throw error;
    }
    // Sorting `name/` for directories makes the walk follow key order: "a-b" < "a/c" because "-" < "/".
    const names = entries
      .filter((entry) => !(dir === '' && entry.name === SPOOL_DIR) && (entry.isDirectory() || entry.isFile()))
      .map((entry) => dir + entry.name + (entry.isDirectory() ? '/' : ''))
      .filter((name) => name.startsWith(prefix) || prefix.startsWith(name))
      .sort();
    for (const name of names) {
      if (name.endsWith('/')) {
        yield* this.walk(name, prefix);
      } else if (name.startsWith(prefix)) {
        yield name;
      }
    }
  }

  /** Retries once when a concurrent delete pruned the freshly made directory before the rename. */
  private async moveIntoPlace(temp: string, target: string, attempt = 1): Promise<void> {
    await mkdir(dirname(target), { recursive: true });
    try {
      await rename(temp, target);
    } catch (error) {
      if (attempt >= 3 || (error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw error;
      }
      await this.moveIntoPlace(temp, target, attempt + 1);
    }
  }

  private async pruneEmptyParents(key: string): Promise<void> {
    const segments = key.split('/').slice(0, -1);
    while (segments.length > 0) {
      try {
        await rmdir(join(this.root, ...segments));
      } catch {
        return; // not empty (or already gone): its parents are not empty either
      }
      segments.pop();
    }
  }
}

/** `flush` fsyncs before the close, so the rename publishes bytes that are on disk, not only in the page cache. */
async function writeDurably(path: string, source: Readable, counter: ByteCounter): Promise<void> {
  await pipeline(source, counter, createWriteStream(path, { flags: 'wx', flush: true }));
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
