import { type BlockBlobClient, type BlockBlobUploadStreamOptions, BlobServiceClient, type ContainerClient, RestError } from '@azure/storage-blob';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import {
  type AssetStorage,
  type ByteRange,
  type PutOptions,
  type StoredObject,
  StorageObjectNotFoundError,
} from './asset-storage.js';
import { assertBufferSize, assertDeclaredSize, ByteCounter } from './storage-body.util.js';
import { assertByteRange, assertStorageKey, assertStoragePrefix } from './storage-key.util.js';

export interface AzureAssetStorageOptions {
  connectionString: string;
  container: string;
  /** Blobs per list page (Azure caps it at 5,000); tests lower it to cross page boundaries. */
  pageSize?: number;
}

/** Memory a streamed upload holds at most: BLOCK_BYTES per block times UPLOAD_CONCURRENCY blocks in flight. */
const BLOCK_BYTES = 4 * 1024 * 1024;
const UPLOAD_CONCURRENCY = 4;
const DELETE_CONCURRENCY = 16;

/**
 * Azure Blob Storage (block blobs). A streamed upload stages blocks and commits the block list only after the last
 * one, so a body that fails mid-way leaves only uncommitted blocks, which readers never see and Azure discards.
 */
export class AzureAssetStorage implements AssetStorage {
  readonly kind = 'azure';
  private readonly container: ContainerClient;

  constructor(private readonly options: AzureAssetStorageOptions) {
    this.container = BlobServiceClient.fromConnectionString(options.connectionString).getContainerClient(options.container);
  }

  async init(): Promise<void> {
    await this.container.createIfNotExists();
  }

  async put(key: string, body: Readable | Uint8Array, options: PutOptions): Promise<StoredObject> {
    assertStorageKey(key);
    assertDeclaredSize(options.size);
    const blob = this.container.getBlockBlobClient(key);
    const blobHTTPHeaders = { blobContentType: options.contentType };
    if (body instanceof Uint8Array) {
      assertBufferSize(key, body, options.size);
      await blob.uploadData(body, { blobHTTPHeaders });
      return { key, size: body.byteLength };
    }
    const counter = new ByteCounter(key, options.size);
    await uploadCounted(blob, body, counter, { blobHTTPHeaders });
    return { key, size: counter.bytes };
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    assertStorageKey(key);
    if (range !== undefined) {
      assertByteRange(range);
    }
    const blob = this.container.getBlobClient(key);
    try {
      const response = range === undefined ? await blob.download() : await blob.download(range.start, range.end - range.start + 1);
      // A Node stream on the HTTP response (retrying from the last offset on a dropped connection), never buffered.
      const stream = response.readableStreamBody;
      return stream instanceof Readable ? stream : Readable.from(stream ?? []);
    } catch (error) {
      throw isNotFound(error) ? new StorageObjectNotFoundError(key) : error;
    }
  }

  async stat(key: string): Promise<StoredObject | null> {
    assertStorageKey(key);
    try {
      const properties = await this.container.getBlobClient(key).getProperties();
      return { key, size: properties.contentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) {
        return null;
      }
      throw error;
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    keys.forEach(assertStorageKey);
    for (let index = 0; index < keys.length; index += DELETE_CONCURRENCY) {
      const batch = keys.slice(index, index + DELETE_CONCURRENCY);
      await Promise.all(batch.map((key) => this.container.getBlobClient(key).deleteIfExists()));
    }
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    assertStoragePrefix(prefix);
    const pages = this.container.listBlobsFlat({ prefix }).byPage({ maxPageSize: this.options.pageSize });
    for await (const page of pages) {
      for (const item of page.segment.blobItems) {
        yield { key: item.name, size: item.properties.contentLength ?? 0 };
      }
    }
  }

  async ping(): Promise<void> {
    await this.container.getProperties();
  }

  async close(): Promise<void> {
    // The SDK keeps no connection that needs closing: its pipeline's agent lets idle sockets go.
  }
}

/**
 * Streams `body` through `counter` into the blob. When the upload fails first, the counter is destroyed so the
 * body's pipeline does not wait forever on a reader that is gone; when the body fails first, its error is the one
 * worth reporting (the upload's failure is only its consequence).
 */
async function uploadCounted(blob: BlockBlobClient, body: Readable, counter: ByteCounter, options: BlockBlobUploadStreamOptions): Promise<void> {
  const piped = pipeline(body, counter);
  try {
    await blob.uploadStream(counter, BLOCK_BYTES, UPLOAD_CONCURRENCY, options);
  } catch (error) {
    counter.destroy();
    const bodyFailure = await piped.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    const causedByBody = bodyFailure !== undefined && (bodyFailure as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE';
    throw causedByBody ? bodyFailure : error;
  }
  await piped;
}

function isNotFound(error: unknown): boolean {
  // A missing container is a configuration fault, not a missing object.
  return error instanceof RestError && error.statusCode === 404 && error.code !== 'ContainerNotFound';
}
