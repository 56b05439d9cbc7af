import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { spoolMultipart, type SpooledUpload, type SpoolLimits } from '../../src/modules/cdn/upload/multipart-spool.js';

const BOUNDARY = 'spool-boundary';
const LIMITS: Omit<SpoolLimits, 'tempRoot'> = { maxFileBytes: 64 * 1024, maxRequestBytes: 256 * 1024, maxFiles: 3 };

function part(filename: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n`), body, Buffer.from('\r\n')]);
}

const end = Buffer.from(`--${BOUNDARY}--\r\n`);

describe('spoolMultipart over a real HTTP server', () => {
  let server: Server;
  let spoolRoot: string;
  let outcome: Promise<SpooledUpload>;

  beforeAll(async () => {
    spoolRoot = await mkdtemp(join(tmpdir(), 'spool-spec-'));
    server = createServer((request, response) => {
      outcome = spoolMultipart(request, { ...LIMITS, tempRoot: spoolRoot });
      outcome.then(
        () => response.end('ok'),
        () => response.end('refused'),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(spoolRoot, { recursive: true, force: true });
  });

  function send(chunks: Buffer[], options: { abortAfter?: number } = {}): Promise<void> {
    const { port } = server.address() as AddressInfo;
    return new Promise((resolve) => {
      const call = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`, 'Transfer-Encoding': 'chunked' } }, (response) => {
        response.resume();
        response.on('end', resolve);
      });
      call.on('error', () => resolve());
      void (async () => {
        for (const [index, chunk] of chunks.entries()) {
          call.write(chunk);
          await sleep(5);
          if (options.abortAfter === index) {
            call.destroy();
            resolve();
            return;
          }
        }
        call.end();
      })();
    });
  }

  it('hands back each file in order with its size, SHA-256 and first bytes, then cleans up', async () => {
    const first = Buffer.from('a'.repeat(5_000));
    const second = Buffer.from('second file');
    await send([part('one.txt', first), part('two.txt', second), end]);
    const upload = await outcome;
    expect(upload.files.map((file) => [file.filename, file.size])).toEqual([
      ['one.txt', 5_000],
      ['two.txt', second.length],
    ]);
    expect(upload.files[0]?.sha256).toBe(createHash('sha256').update(first).digest('hex'));
    expect(await readFile(upload.files[1]!.path)).toEqual(second);
    expect(upload.files[0]?.head.length).toBe(4_100);
    await upload.cleanup();
    expect(await readdir(spoolRoot)).toEqual([]);
  });

  it('refuses a chunked request that grows past the request limit, keeping nothing', async () => {
    // Within every per-file and per-field limit; only the whole is too big (no Content-Length to check up front).
    const chunk = Buffer.alloc(60 * 1024, 0x61);
    const fields = Array.from({ length: 20 }, (_, index) => Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="note${index}"\r\n\r\n${'n'.repeat(4_000)}\r\n`));
    await send([part('a.txt', chunk), part('b.txt', chunk), part('c.txt', chunk), ...fields, end]);
    await expect(outcome).rejects.toMatchObject({ code: 'CDN.REQUEST_TOO_LARGE', status: 413 });
    expect(await readdir(spoolRoot)).toEqual([]);
  });

  it('refuses a file over the file limit', async () => {
    await send([part('big.txt', Buffer.alloc(LIMITS.maxFileBytes + 1, 0x62)), end]);
    await expect(outcome).rejects.toMatchObject({ code: 'CDN.FILE_TOO_LARGE', status: 413 });
    expect(await readdir(spoolRoot)).toEqual([]);
  });

  it('gives up on a client that goes away mid-upload, leaving no temp file', async () => {
    await send([part('partial.txt', Buffer.alloc(10_000, 0x63)), Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="x.txt"\r\n\r\nabc`)], { abortAfter: 1 });
    await expect(outcome).rejects.toMatchObject({ code: 'CDN.MALFORMED_MULTIPART' });
    await sleep(50);
    expect(await readdir(spoolRoot)).toEqual([]);
  });
});
