import busboy from 'busboy';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { CdnException, CdnExceptionCode } from '../cdn.exception.js';
import { SNIFF_BYTES } from '../content/detect-asset-kind.js';

/** One uploaded file, written to a private temp file while its hash, size and first bytes were taken. */
export interface SpooledFile {
  /** The client's file name, unsanitised. */
  filename: string;
  /** The declared media type of the part. */
  mimeType: string;
  path: string;
  size: number;
  sha256: string;
  head: Buffer;
}

export interface SpoolLimits {
  maxFileBytes: number;
  maxRequestBytes: number;
  maxFiles: number;
  /** Directory for the temp files (default: the OS temp directory). */
  tempRoot?: string;
}

export interface SpooledUpload {
  files: SpooledFile[];
  fields: ReadonlyMap<string, string[]>;
  /** Removes the temp files; always call it. */
  cleanup(): Promise<void>;
}

const MAX_FIELDS = 32;
const MAX_FIELD_BYTES = 4_096;

/** Hashes, counts and keeps the first bytes of what passes through. */
class FileDigest extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  private readonly headChunks: Buffer[] = [];
  private headBytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    if (this.headBytes < SNIFF_BYTES) {
      const part = chunk.subarray(0, SNIFF_BYTES - this.headBytes);
      this.headChunks.push(part);
      this.headBytes += part.length;
    }
    callback(null, chunk);
  }

  get head(): Buffer {
    return Buffer.concat(this.headChunks);
  }
}

function fail(code: CdnExceptionCode, detail: string): CdnException {
  return new CdnException(code, detail);
}

/**
 * Streams a multipart/form-data request to temp files, never holding a file in memory. The whole request must parse
 * and stay within the limits before anything is kept: on any error every temp file is removed and nothing reaches
 * storage, so a malformed or oversized upload leaves no trace.
 */
export async function spoolMultipart(request: IncomingMessage, limits: SpoolLimits): Promise<SpooledUpload> {
  const contentType = request.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw fail(CdnExceptionCode.NOT_MULTIPART, 'Uploads are multipart/form-data with a boundary.');
  }
  const declaredLength = Number(request.headers['content-length'] ?? NaN);
  if (declaredLength > limits.maxRequestBytes) {
    throw fail(CdnExceptionCode.REQUEST_TOO_LARGE, `An upload request may carry at most ${limits.maxRequestBytes} bytes.`);
  }
  const directory = await mkdtemp(join(limits.tempRoot ?? tmpdir(), 'bulwark-upload-'));
  const cleanup = (): Promise<void> => rm(directory, { recursive: true, force: true });
  try {
    const { files, fields } = await parse(request, contentType, limits, directory);
    return { files, fields, cleanup };
  } catch (error) {
    request.unpipe();
    // Reads and drops what the client still sends, so it gets our 4xx rather than a reset connection.
    request.resume();
    await cleanup();
    throw error;
  }
}

function parse(request: IncomingMessage, contentType: string, limits: SpoolLimits, directory: string): Promise<{ files: SpooledFile[]; fields: Map<string, string[]> }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { ...request.headers, 'content-type': contentType },
        limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: limits.maxFiles + MAX_FIELDS },
      });
    } catch {
      reject(fail(CdnExceptionCode.MALFORMED_MULTIPART, 'The multipart Content-Type has no usable boundary.'));
      return;
    }
    const files: SpooledFile[] = [];
    const writes: Promise<void>[] = [];
    const fields = new Map<string, string[]>();
    let failed = false;
    let received = 0;
    const abort = (error: CdnException): void => {
      if (!failed) {
        failed = true;
        request.unpipe(parser);
        parser.destroy();
        reject(error);
      }
    };
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxRequestBytes) {
        abort(fail(CdnExceptionCode.REQUEST_TOO_LARGE, `An upload request may carry at most ${limits.maxRequestBytes} bytes.`));
      }
    });
    request.on('aborted', () => abort(fail(CdnExceptionCode.MALFORMED_MULTIPART, 'The client stopped sending before the upload was complete.')));
    parser.on('file', (_field, stream, info) => {
      const digest = new FileDigest();
      const path = join(directory, randomUUID());
      stream.on('limit', () => abort(fail(CdnExceptionCode.FILE_TOO_LARGE, `A file may be at most ${limits.maxFileBytes} bytes.`)));
      const slot = writes.length;
      const write = pipeline(stream, digest, createWriteStream(path, { flags: 'wx' })).then(() => {
        files[slot] = { filename: info.filename ?? '', mimeType: info.mimeType, path, size: digest.size, sha256: digest.hash.digest('hex'), head: digest.head };
      });
      writes.push(write);
      write.catch(() => abort(fail(CdnExceptionCode.MALFORMED_MULTIPART, 'A file part could not be read.')));
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) {
        abort(fail(CdnExceptionCode.MALFORMED_MULTIPART, `The form field ${name.slice(0, 64)} is longer than ${MAX_FIELD_BYTES} bytes.`));
        return;
      }
      fields.set(name, [...(fields.get(name) ?? []), value]);
    });
    parser.on('filesLimit', () => abort(fail(CdnExceptionCode.TOO_MANY_FILES, `An upload may carry at most ${limits.maxFiles} files.`)));
    parser.on('partsLimit', () => abort(fail(CdnExceptionCode.TOO_MANY_FILES, 'The upload has too many parts.')));
    parser.on('fieldsLimit', () => abort(fail(CdnExceptionCode.MALFORMED_MULTIPART, `An upload may carry at most ${MAX_FIELDS} form fields.`)));
    parser.on('error', (error: Error) => abort(fail(CdnExceptionCode.MALFORMED_MULTIPART, `The multipart body is malformed: ${error.message}.`)));
    parser.on('close', () => {
      Promise.all(writes).then(
        () => {
          if (!failed) {
            resolve({ files, fields });
          }
        },
        () => undefined,
      );
    });
    request.pipe(parser);
  });
}
