import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import {
  type AssetStorage,
  type ByteRange,
  type PutOptions,
  type StoredObject,
  StorageObjectNotFoundError,
} from './asset-storage.js';
import { assertBufferSize, assertDeclaredSize, ByteCounter, sliceStream } from './storage-body.util.js';
import { assertByteRange, assertStorageKey, assertStoragePrefix } from './storage-key.util.js';

export interface S3AssetStorageOptions {
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle?: boolean;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Create the bucket in init() when it is missing (tests, local MinIO); otherwise init() only checks it. */
  createBucket?: boolean;
  /** Keys per ListObjectsV2 page (S3 caps it at 1,000); tests lower it to cross page boundaries. */
  pageSize?: number;
  /** Where streamed bodies are spooled before the PUT (default: the OS temp directory). */
  spoolDir?: string;
}

const DELETE_BATCH = 1000;

/**
 * AWS S3 and the S3-compatible stores (R2, MinIO). Every object is one PutObject, which S3 applies whole or not at
 * all; streams are spooled to a temp file first (see putSpooled), which also gives PutObject its length.
 */
export class S3AssetStorage implements AssetStorage {
  readonly kind = 's3';
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(private readonly options: S3AssetStorageOptions) {
    this.bucket = options.bucket;
    this.client = new S3Client(clientConfig(options));
  }

  async init(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      if (!this.options.createBucket || httpStatus(error) !== 404) {
        throw error;
      }
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
    }
  }

  async put(key: string, body: Readable | Uint8Array, options: PutOptions): Promise<StoredObject> {
    assertStorageKey(key);
    assertDeclaredSize(options.size);
    if (body instanceof Uint8Array) {
      assertBufferSize(key, body, options.size);
      await this.client.send(
        new PutObjectCommand({ Body: body, Bucket: this.bucket, ContentLength: body.byteLength, ContentType: options.contentType, Key: key }),
      );
      return { key, size: body.byteLength };
    }
    return this.putSpooled(key, body, options);
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    assertStorageKey(key);
    if (range !== undefined) {
      assertByteRange(range);
    }
    try {
      const response = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: range && `bytes=${range.start}-${range.end}` }),
      );
      // In Node the SDK's Body is the IncomingMessage itself (with sdkStreamMixin): bytes stream straight through.
      const body = response.Body as Readable;
      return range === undefined ? body : exactRange(body, range, response.ContentRange);
    } catch (error) {
      throw isNotFound(error) ? new StorageObjectNotFoundError(key) : error;
    }
  }

  async stat(key: string): Promise<StoredObject | null> {
    assertStorageKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { key, size: head.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) {
        return null;
      }
      throw error;
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    keys.forEach(assertStorageKey);
    for (let index = 0; index < keys.length; index += DELETE_BATCH) {
      const batch = keys.slice(index, index + DELETE_BATCH).map((Key) => ({ Key }));
      const response = await this.client.send(
        new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch, Quiet: true } }),
      );
      const failed = response.Errors ?? [];
      if (failed.length > 0) {
        throw new Error(`S3 could not delete ${failed.map((error) => `${error.Key} (${error.Code})`).join(', ')}`);
      }
    }
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    assertStoragePrefix(prefix);
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, ContinuationToken: token, MaxKeys: this.options.pageSize, Prefix: prefix }),
      );
      for (const object of page.Contents ?? []) {
        yield { key: object.Key ?? '', size: object.Size ?? 0 };
      }
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  close(): Promise<void> {
    this.client.destroy();
    return Promise.resolve();
  }

  /**
   * A stream is spooled to a temp file before the PUT: a body that fails, or disagrees with its declared size, then
   * fails before any request is made. Streaming it straight into the PUT and aborting would rely on the store
   * dropping a cut-off PUT, which S3 does but S3-compatible stores need not (s3rver keeps an empty object).
   */
  private async putSpooled(key: string, body: Readable, options: PutOptions): Promise<StoredObject> {
    const spool = join(this.options.spoolDir ?? tmpdir(), `bulwark-s3-${randomUUID()}`);
    try {
      const counter = new ByteCounter(key, options.size);
      await pipeline(body, counter, createWriteStream(spool, { flags: 'wx' }));
      await this.putFile(key, spool, counter.bytes, options.contentType);
      return { key, size: counter.bytes };
    } finally {
      await rm(spool, { force: true });
    }
  }

  /** The SDK pipes a stream body into the request without watching it for errors: abort the request on one. */
  private async putFile(key: string, path: string, size: number, contentType: string): Promise<void> {
    const file = createReadStream(path);
    const abort = new AbortController();
    let fileError: unknown;
    file.once('error', (error) => {
      fileError = error;
      abort.abort(error);
    });
    try {
      await this.client.send(
        new PutObjectCommand({ Body: file, Bucket: this.bucket, ContentLength: size, ContentType: contentType, Key: key }),
        { abortSignal: abort.signal },
      );
    } catch (error) {
      throw fileError ?? error;
    } finally {
      file.destroy();
    }
  }
}

function clientConfig(options: S3AssetStorageOptions): S3ClientConfig {
  const { accessKeyId, secretAccessKey } = options;
  return {
    credentials: accessKeyId !== undefined && secretAccessKey !== undefined ? { accessKeyId, secretAccessKey } : undefined,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle,
    region: options.region,
    // Checksums only where S3 demands them: R2, MinIO and older S3-compatible stores reject aws-chunked trailers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

/** The asked range of `body`, trimmed when the store sent more than asked (`served` is its Content-Range). */
function exactRange(body: Readable, range: ByteRange, served: string | undefined): Readable {
  const count = range.end - range.start + 1;
  const match = /^bytes (\d+)-(\d+)\//.exec(served ?? '');
  const servedStart = match === null ? 0 : Number(match[1]);
  const servedEnd = match === null ? Number.POSITIVE_INFINITY : Number(match[2]);
  if (servedStart === range.start && servedEnd <= range.end) {
    return body;
  }
  if (servedStart > range.start) {
    body.destroy();
    throw new Error(`S3 answered bytes ${range.start}-${range.end} with ${served}`);
  }
  return sliceStream(body, range.start - servedStart, count);
}

function httpStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}

/** A missing object; a missing bucket is a configuration fault and stays the SDK's own error. */
function isNotFound(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name !== 'NoSuchBucket' && (name === 'NoSuchKey' || httpStatus(error) === 404);
}
