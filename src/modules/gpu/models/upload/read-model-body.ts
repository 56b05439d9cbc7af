import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import { GpuException, GpuExceptionCode } from '../../gpu.exception.js';

export interface ModelBody {
  bytes: Buffer;
  sha256: string;
}

function tooLarge(maxBytes: number): GpuException {
  return new GpuException(GpuExceptionCode.MODEL_TOO_LARGE, `A model may be at most ${maxBytes} bytes (GPU_MODEL_MAX_BYTES).`);
}

/**
 * The raw request body, refused as soon as it passes `maxBytes` (a declared Content-Length over it is refused before
 * reading). The model is decoded from memory anyway, so it is collected rather than spooled to disk.
 */
export function readModelBody(request: IncomingMessage, maxBytes: number): Promise<ModelBody> {
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (declared > maxBytes) {
    request.resume();
    return Promise.reject(tooLarge(maxBytes));
  }
  // An empty body sent as JSON or a form was already read to its end by the app's parsers (the content-type guard
  // lets empty bodies through): there is nothing left to read and no 'end' still to come.
  if (request.readableEnded) {
    return Promise.resolve({ bytes: Buffer.alloc(0), sha256: createHash('sha256').digest('hex') });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const hash = createHash('sha256');
    let received = 0;
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > maxBytes) {
        request.off('data', onData);
        chunks.length = 0;
        // Reads and drops the rest, so the client gets our 413 rather than a reset connection.
        request.resume();
        reject(tooLarge(maxBytes));
        return;
      }
      hash.update(chunk);
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('aborted', () => reject(new GpuException(GpuExceptionCode.INVALID_MODEL, 'The client stopped sending before the model was complete.')));
    request.once('error', () => reject(new GpuException(GpuExceptionCode.INVALID_MODEL, 'The model body could not be read.')));
    request.once('end', () => {
      if (received <= maxBytes) {
        resolve({ bytes: Buffer.concat(chunks), sha256: hash.digest('hex') });
      }
    });
  });
}
