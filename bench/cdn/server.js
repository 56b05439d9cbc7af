// Child process of bench/cdn/serve.js: Bulwark's /cdn/* handler alone on a bare node:http server, serving the files
// of one directory (an asset and its .gz) from the in-memory storage and body cache. Prints `READY <port> <etag>`.
// Usage: node bench/cdn/server.js <root> <hash> <name> [handler|floor|app]; `floor` answers with the same bytes and
// headers from a minimal node:http callback (no negotiation, no lookup): the ceiling any handler in Node can reach.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

import { createCdnRequestHandler, EncodedBodyCache, splitCdnUrl } from '../../dist/src/modules/cdn/serving/index.js';
import { MemoryAssetStorage } from '../../dist/src/modules/cdn/serving/testing/memory-asset-storage.js';

/** A ServedAsset for `<root>/cdn/<hash>/<name>` and its `.gz`, with both stored under content-addressed keys. */
export function benchAsset(storage, root, hash, name) {
  const file = join(root, 'cdn', hash, name);
  const representation = (bytes, encoding) => {
    const digest = createHash('sha256').update(bytes).digest('hex');
    const key = `objects/${digest}/${encoding}`;
    storage.objects.set(key, bytes);
    return { storageKey: key, contentType: 'application/javascript; charset=utf-8', encoding, size: bytes.length, etag: `"${digest.slice(0, 32)}"` };
  };
  return {
    assetId: 'bench-asset',
    representations: [representation(readFileSync(`${file}.gz`), 'gzip'), representation(readFileSync(file), 'identity')],
    lastModified: statSync(file).mtime,
    cacheControl: 'public, max-age=31536000, immutable',
  };
}

/** The bare-handler server: what the benchmark compares with nginx. */
export function startBareServer(root, hash, name) {
  const storage = new MemoryAssetStorage();
  const asset = benchAsset(storage, root, hash, name);
  const address = `${hash}/${name}`;
  const handler = createCdnRequestHandler({
    resolver: { resolve: (path) => (path === address ? asset : null) },
    cache: new EncodedBodyCache(storage, { maxBytes: 64 * 1024 * 1024, maxObjectBytes: 1024 * 1024 }),
  });
  const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const target = splitCdnUrl(req.url ?? '/');
    if (target === null) {
      res.writeHead(404).end();
      return;
    }
    handler(req, res, target.path, target.query);
  });
  return { server, asset };
}

/** Node's own floor: the gzip body and its headers, precomputed, for every request; 304 on an exact ETag. */
export function startFloorServer(root, hash, name) {
  const storage = new MemoryAssetStorage();
  const asset = benchAsset(storage, root, hash, name);
  const gzip = asset.representations[0];
  const body = storage.objects.get(gzip.storageKey);
  const headers = ['Content-Type', gzip.contentType, 'Content-Length', String(body.length), 'ETag', gzip.etag, 'Cache-Control', asset.cacheControl, 'Content-Encoding', 'gzip', 'Vary', 'Accept-Encoding'];
  const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    if (req.headers['if-none-match'] === gzip.etag) {
      res.writeHead(304, ['ETag', gzip.etag, 'Cache-Control', asset.cacheControl, 'Vary', 'Accept-Encoding']);
      res.end();
      return;
    }
    res.writeHead(200, headers);
    res.end(body);
  });
  return { server, asset };
}

/**
 * Hook for `--app`: the whole Bulwark app (request id, security headers, metrics) with the /cdn/* handler mounted in
 * front of Nest's pipeline, serving this asset. To be wired once the CDN module mounts the handler: boot the app
 * with a resolver that returns `benchAsset(...)` and a cache over the same MemoryAssetStorage, and return
 * `{ server, asset }` with `server` the app's node:http server (not yet listening).
 */
export function startAppServer() {
  throw new Error('bench/cdn/server.js: the app mode is not wired yet (see startAppServer)');
}

const MODES = { handler: startBareServer, floor: startFloorServer, app: startAppServer };

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root, hash, name, mode = 'handler'] = process.argv.slice(2);
  const { server, asset } = MODES[mode](root, hash, name);
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`READY ${server.address().port} ${asset.representations[0].etag}\n`);
  });
}
