import { jest } from '@jest/globals';
import { once } from 'node:events';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';

import express from 'express';

import { createCdnRequestHandler, splitCdnUrl, type CdnRequestHandlerOptions } from './cdn-request-handler.js';
import { EncodedBodyCache } from './encoded-body-cache.js';
import type { ContentEncoding, Representation, ServedAsset, ServedResponse } from './served-asset.js';
import { MemoryAssetStorage } from './testing/memory-asset-storage.js';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const SCRIPT = Buffer.from('export const answer = 42;\n'.repeat(40));
const LAST_MODIFIED = new Date('2026-09-01T10:00:00.123Z');
const IMMUTABLE = 'public, max-age=31536000, immutable';

function store(storage: MemoryAssetStorage, key: string, bytes: Buffer, contentType: string, encoding: ContentEncoding = 'identity'): Representation {
  storage.objects.set(key, bytes);
  return { storageKey: key, contentType, encoding, size: bytes.length, etag: `"etag-${key}"` };
}

function scriptAsset(storage: MemoryAssetStorage): ServedAsset {
  const type = 'application/javascript; charset=utf-8';
  return {
    assetId: 'script',
    representations: [
      store(storage, 'js-id', SCRIPT, type),
      store(storage, 'js-gz', gzipSync(SCRIPT), type, 'gzip'),
      store(storage, 'js-br', Buffer.from('pretend brotli'), type, 'br'),
    ],
    lastModified: LAST_MODIFIED,
    cacheControl: IMMUTABLE,
  };
}

describe('createCdnRequestHandler', () => {
  let storage: MemoryAssetStorage;
  let assets: Map<string, ServedAsset>;
  let served: ServedResponse[];
  let server: Server;
  let port: number;
  const onError = jest.fn();

  async function start(overrides: Partial<CdnRequestHandlerOptions> = {}, maxObjectBytes = 64 * 1024): Promise<void> {
    const handler = createCdnRequestHandler({
      resolver: { resolve: (path) => assets.get(path) ?? null },
      cache: new EncodedBodyCache(storage, { maxBytes: 1024 * 1024, maxObjectBytes }),
      observer: { onServed: (response) => served.push(response) },
      onError,
      ...overrides,
    });
    server = createServer((req, res) => {
      const target = splitCdnUrl(req.url ?? '/');
      if (target === null) {
        res.writeHead(418).end();
      } else {
        handler(req, res, target.path, target.query);
      }
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  }

  function send(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  }

  beforeEach(async () => {
    storage = new MemoryAssetStorage();
    assets = new Map([['abc/app.js', scriptAsset(storage)]]);
    served = [];
    onError.mockReset();
    await start();
  });

  afterEach(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  });

  describe('GET /cdn/*', () => {
    it('sends the negotiated encoding with the representation headers', async () => {
      const reply = await send('/cdn/abc/app.js', { 'accept-encoding': 'gzip, deflate' });

      expect(reply.status).toBe(200);
      expect(reply.body).toEqual(gzipSync(SCRIPT));
      expect(reply.headers).toMatchObject({
        'content-type': 'application/javascript; charset=utf-8',
        'content-encoding': 'gzip',
        'content-length': String(gzipSync(SCRIPT).length),
        etag: '"etag-js-gz"',
        'last-modified': 'Tue, 01 Sep 2026 10:00:00 GMT',
        'cache-control': IMMUTABLE,
        'accept-ranges': 'bytes',
        'x-content-type-options': 'nosniff',
        vary: 'Accept-Encoding',
      });
      expect(served).toEqual([{ assetId: 'script', status: 200, encoding: 'gzip', contentType: 'application/javascript; charset=utf-8', bytes: gzipSync(SCRIPT).length }]);
    });

    it('prefers br and falls back to identity without Content-Encoding', async () => {
      expect((await send('/cdn/abc/app.js', { 'accept-encoding': 'gzip, br' })).body.toString()).toBe('pretend brotli');

      const plain = await send('/cdn/abc/app.js');
      expect(plain.body).toEqual(SCRIPT);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.etag).toBe('"etag-js-id"');
      expect(plain.headers.vary).toBe('Accept-Encoding');
    });

    it('answers 406 problem+json when every stored encoding is refused', async () => {
      assets.set('abc/gz-only.js', { ...scriptAsset(storage), representations: [store(storage, 'gz', gzipSync(SCRIPT), 'text/javascript', 'gzip')] });

      const reply = await send('/cdn/abc/gz-only.js', { 'accept-encoding': 'br, identity;q=0' });

      expect(reply.status).toBe(406);
      expect(reply.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(JSON.parse(reply.body.toString())).toMatchObject({ status: 406, code: 'CDN.NOT_ACCEPTABLE', title: 'Not Acceptable' });
    });

    it('reads storage once for a small body, then serves it from memory', async () => {
      await send('/cdn/abc/app.js', { 'accept-encoding': 'gzip' });
      const again = await send('/cdn/abc/app.js', { 'accept-encoding': 'gzip' });

      expect(again.body).toEqual(gzipSync(SCRIPT));
      expect(storage.reads).toBe(1);
    });

    it('streams a body larger than the cache takes from storage on every request', async () => {
      server.close();
      await start({}, 100);
      storage.chunkSize = 64;

      const first = await send('/cdn/abc/app.js');
      const second = await send('/cdn/abc/app.js');

      expect(first.body).toEqual(SCRIPT);
      expect(second.body).toEqual(SCRIPT);
      expect(storage.reads).toBe(2);
      expect(served.map((response) => response.bytes)).toEqual([SCRIPT.length, SCRIPT.length]);
    });

    it('resolves through an asynchronous resolver', async () => {
      server.close();
      await start({ resolver: { resolve: (path) => Promise.resolve(assets.get(path) ?? null) } });

      expect((await send('/cdn/abc/app.js')).body).toEqual(SCRIPT);
    });
  });

  describe('image formats', () => {
    beforeEach(() => {
      assets.set('abc/logo', {
        assetId: 'logo',
        representations: [
          store(storage, 'png', Buffer.alloc(300, 1), 'image/png'),
          store(storage, 'webp', Buffer.alloc(200, 2), 'image/webp'),
          store(storage, 'avif', Buffer.alloc(100, 3), 'image/avif'),
        ],
        lastModified: LAST_MODIFIED,
        cacheControl: 'public, max-age=60',
      });
    });

    it('serves the smallest accepted format with Vary: Accept', async () => {
      const avif = await send('/cdn/abc/logo', { accept: 'image/avif,image/webp,*/*;q=0.8', 'accept-encoding': 'gzip, br' });
      const webp = await send('/cdn/abc/logo', { accept: 'image/webp,image/png' });

      expect([avif.headers['content-type'], avif.body.length, avif.headers.vary]).toEqual(['image/avif', 100, 'Accept']);
      expect([webp.headers['content-type'], webp.headers.etag, webp.headers['cache-control']]).toEqual(['image/webp', '"etag-webp"', 'public, max-age=60']);
    });

    it('falls back to the first (original) format when Accept rules out every one', async () => {
      const reply = await send('/cdn/abc/logo', { accept: 'text/html' });

      expect([reply.status, reply.headers['content-type']]).toEqual([200, 'image/png']);
    });
  });

  describe('conditional requests', () => {
    it('answers a matching If-None-Match with 304 and the validators, no body', async () => {
      const reply = await send('/cdn/abc/app.js', { 'accept-encoding': 'gzip', 'if-none-match': '"etag-js-gz"' });

      expect(reply.status).toBe(304);
      expect(reply.body.length).toBe(0);
      expect(reply.headers).toMatchObject({ etag: '"etag-js-gz"', 'cache-control': IMMUTABLE, vary: 'Accept-Encoding', 'last-modified': 'Tue, 01 Sep 2026 10:00:00 GMT' });
      expect(served).toEqual([expect.objectContaining({ status: 304, bytes: 0 })]);
      expect(storage.reads).toBe(0);
    });

    it('compares If-None-Match weakly, in lists and with *', async () => {
      for (const ifNoneMatch of ['W/"etag-js-gz"', '"other", W/"etag-js-gz"', '*']) {
        expect((await send('/cdn/abc/app.js', { 'accept-encoding': 'gzip', 'if-none-match': ifNoneMatch })).status).toBe(304);
      }
    });

    it('sends the body when If-None-Match names another representation', async () => {
      const reply = await send('/cdn/abc/app.js', { 'if-none-match': '"etag-js-gz"' });

      expect([reply.status, reply.body]).toEqual([200, SCRIPT]);
    });

    it('uses If-Modified-Since only without If-None-Match', async () => {
      const sameSecond = 'Tue, 01 Sep 2026 10:00:00 GMT';
      expect((await send('/cdn/abc/app.js', { 'if-modified-since': sameSecond })).status).toBe(304);
      expect((await send('/cdn/abc/app.js', { 'if-modified-since': 'Tue, 01 Sep 2026 09:59:59 GMT' })).status).toBe(200);
      expect((await send('/cdn/abc/app.js', { 'if-modified-since': 'not a date' })).status).toBe(200);
      expect((await send('/cdn/abc/app.js', { 'if-modified-since': sameSecond, 'if-none-match': '"stale"' })).status).toBe(200);
    });
  });

  describe('ranges', () => {
    it('answers one range with 206 and Content-Range over the encoded bytes', async () => {
      const gzip = gzipSync(SCRIPT);
      const reply = await send('/cdn/abc/app.js', { 'accept-encoding': 'gzip', range: 'bytes=10-19' });

      expect(reply.status).toBe(206);
      expect(reply.body).toEqual(gzip.subarray(10, 20));
      expect(reply.headers).toMatchObject({ 'content-range': `bytes 10-19/${gzip.length}`, 'content-length': '10', 'content-encoding': 'gzip', etag: '"etag-js-gz"' });
    });

    it('serves a suffix range of a streamed body from a ranged storage read', async () => {
      server.close();
      await start({}, 100);

      const reply = await send('/cdn/abc/app.js', { range: 'bytes=-26' });

      expect(reply.status).toBe(206);
      expect(reply.body).toEqual(SCRIPT.subarray(SCRIPT.length - 26));
      expect(reply.headers['content-range']).toBe(`bytes ${SCRIPT.length - 26}-${SCRIPT.length - 1}/${SCRIPT.length}`);
    });

    it('answers an unsatisfiable range with 416 and the size', async () => {
      const reply = await send('/cdn/abc/app.js', { range: `bytes=${SCRIPT.length}-` });

      expect(reply.status).toBe(416);
      expect(reply.headers['content-range']).toBe(`bytes */${SCRIPT.length}`);
      expect(JSON.parse(reply.body.toString())).toMatchObject({ status: 416, code: 'CDN.RANGE_NOT_SATISFIABLE' });
    });

    it('sends the whole body for several ranges, a stale If-Range, or HEAD', async () => {
      const several = await send('/cdn/abc/app.js', { range: 'bytes=0-1,4-5' });
      const stale = await send('/cdn/abc/app.js', { range: 'bytes=0-1', 'if-range': '"old"' });
      const head = await send('/cdn/abc/app.js', { range: 'bytes=0-1' }, 'HEAD');
      const current = await send('/cdn/abc/app.js', { range: 'bytes=0-1', 'if-range': '"etag-js-id"' });

      expect([several.status, several.body]).toEqual([200, SCRIPT]);
      expect([stale.status, stale.body]).toEqual([200, SCRIPT]);
      expect([head.status, head.headers['content-length']]).toEqual([200, String(SCRIPT.length)]);
      expect([current.status, current.body.toString()]).toEqual([206, 'ex']);
    });
  });

  describe('HEAD /cdn/*', () => {
    it('sends the headers of the GET without a body or a storage read', async () => {
      const reply = await send('/cdn/abc/app.js', { 'accept-encoding': 'gzip' }, 'HEAD');

      expect(reply.status).toBe(200);
      expect(reply.body.length).toBe(0);
      expect(reply.headers).toMatchObject({ 'content-length': String(gzipSync(SCRIPT).length), 'content-encoding': 'gzip', etag: '"etag-js-gz"' });
      expect(storage.reads).toBe(0);
    });
  });

  describe('errors', () => {
    it('answers other methods with 405, Allow and problem+json', async () => {
      const reply = await send('/cdn/abc/app.js', {}, 'POST');

      expect(reply.status).toBe(405);
      expect(reply.headers.allow).toBe('GET, HEAD');
      expect(JSON.parse(reply.body.toString())).toEqual({
        type: 'https://bulwark.dev/problems/cdn/method-not-allowed',
        title: 'Method Not Allowed',
        status: 405,
        detail: 'POST is not allowed on assets.',
        code: 'CDN.METHOD_NOT_ALLOWED',
      });
    });

    it('answers an unknown address, or an object gone from storage, with 404', async () => {
      assets.set('abc/lost.js', { ...scriptAsset(storage), representations: [{ storageKey: 'nowhere', contentType: 'text/plain', encoding: 'identity', size: 4, etag: '"n"' }] });

      const unknown = await send('/cdn/nope/app.js');
      const lost = await send('/cdn/abc/lost.js');

      expect([unknown.status, unknown.headers['content-type']]).toEqual([404, 'application/problem+json; charset=utf-8']);
      expect([lost.status, JSON.parse(lost.body.toString()).code]).toEqual([404, 'CDN.ASSET_NOT_FOUND']);
    });

    it('answers a storage or resolver failure with 503 problem+json, no stack, and reports it', async () => {
      storage.read = () => Promise.reject(new Error('socket hang up at S3'));
      const storageDown = await send('/cdn/abc/app.js');
      server.close();
      await start({ resolver: { resolve: () => Promise.reject(new Error('resolver down')) } });
      const resolverDown = await send('/cdn/abc/app.js');

      for (const reply of [storageDown, resolverDown]) {
        expect(reply.status).toBe(503);
        expect(reply.body.toString()).not.toMatch(/socket hang up|resolver down|at /);
        expect(JSON.parse(reply.body.toString())).toMatchObject({ status: 503, code: 'CDN.STORAGE_UNAVAILABLE' });
      }
      expect(onError).toHaveBeenCalledTimes(2);
    });

    it('answers 503 for a malformed asset from the resolver instead of crashing', async () => {
      assets.set('abc/bad.js', { ...scriptAsset(storage), lastModified: 'yesterday' as unknown as Date });

      const reply = await send('/cdn/abc/bad.js');
      const healthy = await send('/cdn/abc/app.js');

      expect([reply.status, healthy.status]).toEqual([503, 200]);
      expect(onError).toHaveBeenCalledWith(expect.any(TypeError));
    });

    it('cuts the connection when a streamed body ends short of its Content-Length', async () => {
      server.close();
      await start({}, 100);
      const shortened = { ...scriptAsset(storage) };
      shortened.representations = [{ ...shortened.representations[0]!, size: SCRIPT.length + 10 }];
      assets.set('abc/short.js', shortened);

      await expect(send('/cdn/abc/short.js')).rejects.toThrow();
      expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('Stream ended') }));
    });

    it('destroys the storage stream when the client goes away mid-body', async () => {
      server.close();
      await start({}, 100);
      let source: Readable | undefined;
      let closed: Promise<void> | undefined;
      storage.read = () => {
        // Never ends by itself: it closes only if the handler destroys it.
        source = new Readable({
          read() {
            setTimeout(() => this.push(Buffer.alloc(1024, 1)), 5);
          },
        });
        // The pipeline destroys it with a premature-close error: that is the expected end, not a failure.
        source.on('error', () => undefined);
        const stream = source;
        closed = new Promise((resolve) => stream.once('close', () => resolve()));
        return Promise.resolve(source);
      };
      assets.set('abc/huge.bin', { ...scriptAsset(storage), representations: [{ storageKey: 'huge', contentType: 'application/octet-stream', encoding: 'identity', size: 1024 * 1000, etag: '"h"' }] });

      await new Promise<void>((resolve) => {
        const req = request({ host: '127.0.0.1', port, path: '/cdn/abc/huge.bin' }, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', () => undefined);
        req.end();
      });
      expect(closed).toBeDefined();
      await closed;

      expect(source!.destroyed).toBe(true);
      expect(onError).not.toHaveBeenCalled();
    });
  });
});

describe('createCdnRequestHandler under Express', () => {
  it('serves when mounted with app.use("/cdn"), keeping headers set by earlier middleware', async () => {
    const storage = new MemoryAssetStorage();
    const asset = scriptAsset(storage);
    const handler = createCdnRequestHandler({
      resolver: { resolve: (path, query) => (path === 'abc/app.js' && query === 'v=2' ? asset : null) },
      cache: new EncodedBodyCache(storage, { maxBytes: 1024 * 1024, maxObjectBytes: 64 * 1024 }),
    });
    const app = express();
    app.use((_req, res, next) => {
      res.setHeader('X-Request-Id', 'req-1');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', 'no-store');
      next();
    });
    app.use('/cdn', (req, res, next) => {
      const target = splitCdnUrl(req.url, '/');
      if (target === null) {
        next();
      } else {
        handler(req, res, target.path, target.query);
      }
    });
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;

    const reply = await fetch(`http://127.0.0.1:${port}/cdn/abc/app.js?v=2`, { headers: { 'accept-encoding': 'identity' } });
    const missing = await fetch(`http://127.0.0.1:${port}/cdn/abc/app.js`);
    server.close();

    expect(reply.status).toBe(200);
    expect(Buffer.from(await reply.arrayBuffer())).toEqual(SCRIPT);
    expect([reply.headers.get('x-request-id'), reply.headers.get('x-content-type-options'), reply.headers.get('cache-control')]).toEqual(['req-1', 'nosniff', IMMUTABLE]);
    expect(missing.status).toBe(404);
  });
});

describe('splitCdnUrl', () => {
  it('splits path and query after the mount, or refuses another prefix', () => {
    expect(splitCdnUrl('/cdn/abc/app.js?v=1&w=320')).toEqual({ path: 'abc/app.js', query: 'v=1&w=320' });
    expect(splitCdnUrl('/cdn/abc/app.js')).toEqual({ path: 'abc/app.js', query: '' });
    expect(splitCdnUrl('/abc/app.js?x', '/')).toEqual({ path: 'abc/app.js', query: 'x' });
    expect(splitCdnUrl('/api/assets')).toBeNull();
  });
});
