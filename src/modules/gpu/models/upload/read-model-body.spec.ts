import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';

import { readModelBody } from './read-model-body.js';

/** A request stand-in: a stream of the given chunks with the given headers. */
function requestOf(chunks: Buffer[], headers: Record<string, string> = {}): IncomingMessage {
  const stream = new PassThrough();
  Object.assign(stream, { headers });
  setImmediate(() => {
    for (const chunk of chunks) {
      stream.write(chunk);
    }
    stream.end();
  });
  return stream as unknown as IncomingMessage;
}

describe(readModelBody.name, () => {
  it('collects the body and its SHA-256', async () => {
    const chunks = [Buffer.from('onnx'), Buffer.from('-bytes')];
    const body = await readModelBody(requestOf(chunks), 100);
    expect(body.bytes.toString()).toBe('onnx-bytes');
    expect(body.sha256).toBe(createHash('sha256').update('onnx-bytes').digest('hex'));
  });

  it('accepts exactly the cap', async () => {
    await expect(readModelBody(requestOf([Buffer.alloc(10)]), 10)).resolves.toMatchObject({ bytes: Buffer.alloc(10) });
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    await expect(readModelBody(requestOf([Buffer.alloc(1)], { 'content-length': '11' }), 10)).rejects.toMatchObject({ code: 'GPU.MODEL_TOO_LARGE', status: 413 });
  });

  it('refuses a body that grows past the cap while streaming', async () => {
    await expect(readModelBody(requestOf([Buffer.alloc(6), Buffer.alloc(6)]), 10)).rejects.toMatchObject({ code: 'GPU.MODEL_TOO_LARGE' });
  });

  // Found by the API fuzzer: POST /v1/models with Content-Type: application/json and an empty body never answered.
  it('answers an empty body that a body parser already read to its end', async () => {
    const consumed = requestOf([]);
    consumed.resume();
    await new Promise((resolve) => consumed.once('end', resolve));
    await expect(readModelBody(consumed, 10)).resolves.toMatchObject({ bytes: Buffer.alloc(0) });
  });
});
