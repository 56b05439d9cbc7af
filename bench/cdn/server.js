// Child process of bench/cdn/serve.js: Bulwark's /cdn/* handler alone on a bare node:http server, serving the files
// of one directory (an asset and its .gz) from the in-memory storage and body cache. Prints `READY <port> <etag>`.
// Usage: node bench/cdn/server.js <root> <hash> <name>
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root, hash, name] = process.argv.slice(2);
  const { server, asset } = startBareServer(root, hash, name);
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`READY ${server.address().port} ${asset.representations[0].etag}\n`);
  });
}
