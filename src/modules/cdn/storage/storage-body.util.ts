import { Readable, Transform, type TransformCallback } from 'node:stream';

/** Thrown by put when the body's length differs from PutOptions.size. */
export class StorageSizeMismatchError extends Error {
  constructor(
    readonly key: string,
    readonly expected: number,
    readonly received: number,
  ) {
    super(`Body of ${key} was declared as ${expected} bytes but ${received > expected ? 'more' : received} arrived`);
    this.name = 'StorageSizeMismatchError';
  }
}

/**
 * Passes bytes through and counts them; fails the stream (before it ends, so no store commits it) when `expected`
 * is given and the count overshoots or falls short of it.
 */
export class ByteCounter extends Transform {
  bytes = 0;

  constructor(
    private readonly key: string,
    private readonly expected?: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.expected !== undefined && this.bytes > this.expected) {
      callback(new StorageSizeMismatchError(this.key, this.expected, this.bytes));
      return;
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.expected !== undefined && this.bytes !== this.expected) {
      callback(new StorageSizeMismatchError(this.key, this.expected, this.bytes));
      return;
    }
    callback();
  }
}

/** Throws StorageSizeMismatchError when an in-memory body disagrees with the declared size. */
export function assertBufferSize(key: string, body: Uint8Array, size: number | undefined): void {
  if (size !== undefined && size !== body.byteLength) {
    throw new StorageSizeMismatchError(key, size, body.byteLength);
  }
}

/** Validates PutOptions.size itself (a programmer error when it is not a byte count). */
export function assertDeclaredSize(size: number | undefined): void {
  if (size !== undefined && (!Number.isSafeInteger(size) || size < 0)) {
    throw new Error(`Invalid declared size ${size}`);
  }
}

/** A stream of one chunk (Readable.from(buffer) would emit it byte by byte). */
export function bufferStream(body: Uint8Array): Readable {
  return Readable.from([Buffer.from(body.buffer, body.byteOffset, body.byteLength)]);
}

/**
 * `count` bytes of `source` after skipping `skip`, for a store that answered a Range request with more than was
 * asked (HTTP lets a server ignore Range; s3rver widens `bytes=0-0`). Stops reading the source once done.
 */
export function sliceStream(source: Readable, skip: number, count: number): Readable {
  async function* slice(): AsyncGenerator<Buffer> {
    let toSkip = skip;
    let left = count;
    try {
      for await (const chunk of source) {
        let part = chunk as Buffer;
        const skipped = Math.min(toSkip, part.length);
        toSkip -= skipped;
        part = part.subarray(skipped, skipped + left);
        left -= part.length;
        if (part.length > 0) {
          yield part;
        }
        if (left === 0) {
          return;
        }
      }
    } finally {
      source.destroy();
    }
  }
  return Readable.from(slice(), { objectMode: false });
}
