import type { Readable } from 'node:stream';

export type AssetStorageKind = 'local' | 's3' | 'azure';

/** Inclusive byte range, as in HTTP `Range: bytes=start-end`. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StoredObject {
  key: string;
  size: number;
}

export interface PutOptions {
  contentType: string;
  /** Known length of a streamed body (lets S3 and Azure skip multipart buffering); checked against what arrived. */
  size?: number;
}

/**
 * Where asset bytes live. Keys are content-addressed (`objects/<sha256>/<variant>`), so an object never changes once
 * written; every strategy passes the one contract suite (test/support/asset-storage.contract.ts).
 */
export interface AssetStorage {
  readonly kind: AssetStorageKind;
  /** Prepares the store (directory, bucket or container). Idempotent. */
  init(): Promise<void>;
  /**
   * Stores `body` under `key`. All or nothing: readers see no object or the whole object, never part of one; a body
   * that errors mid-way leaves nothing behind.
   */
  put(key: string, body: Readable | Uint8Array, options: PutOptions): Promise<StoredObject>;
  /** The object's bytes, or the inclusive `range` of them, as a stream. Throws StorageObjectNotFoundError. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  /** The object's size, or null when there is none. */
  stat(key: string): Promise<StoredObject | null>;
  /** Removes the objects; absent ones are not an error. */
  delete(keys: readonly string[]): Promise<void>;
  /** Every object whose key starts with `prefix`, in key order, paged underneath. */
  list(prefix: string): AsyncIterable<StoredObject>;
  /** Throws when the store cannot be reached (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class StorageObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored object under ${key}`);
    this.name = 'StorageObjectNotFoundError';
  }
}

/** Nest injection token of the configured AssetStorage. */
export const ASSET_STORAGE = Symbol('ASSET_STORAGE');
