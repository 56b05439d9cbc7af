// Child process of bench/cdn/serve.js: Bulwark's /cdn/* handler alone on a bare node:http server, serving the files
// of one directory (an asset and its .gz) from the in-memory storage and body cache. Prints `READY <port> <path>`.
// Usage: node bench/cdn/server.js <root> <hash> <name> [handler|floor|app]; `floor` answers with the same bytes and
// headers from a minimal node:http callback (no negotiation, no lookup): the ceiling any handler in Node can reach;
// `app` boots the whole app and uploads the file to it (see startAppServer).
import { Blob } from 'node:buffer';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

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
 * The optimisation queue is created in the background after boot; an upload before that fails with a 500 ("Queue
 * cdn.optimize does not exist") and leaves its asset processing for good, so wait until the queue answers.
 */
async function queueReady(jobs) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await jobs.status('cdn.optimize', randomUUID());
      return;
    } catch (error) {
      if (attempt === 200) {
        throw error;
      }
      await sleep(100);
    }
  }
}

async function uploadScript(base, auth, bytes, name) {
  const form = new globalThis.FormData();
  form.append('file', new Blob([bytes], { type: 'text/javascript' }), name);
  const created = await globalThis.fetch(`${base}/v1/assets`, { method: 'POST', headers: auth, body: form });
  if (!created.ok) {
    throw new Error(`upload answered ${created.status}: ${await created.text()}`);
  }
  return (await created.json()).id;
}

/**
 * `app`: the whole Bulwark app from dist/ (request id, security headers, IP blocks, metrics, the CDN module as it is
 * mounted), configured by the environment serve.js gives it (a fresh database, a temporary DATA_DIR), with `<root>/cdn/<hash>/<name>`
 * uploaded through its HTTP API and served once optimised. Listening already when it resolves; `asset.path` is the
 * immutable URL, whose bytes (minified, then precompressed) serve.js gives nginx and the bare handler too.
 */
export async function startAppServer(root, hash, name) {
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../../dist/src/app.module.js');
  const { APP_OPTIONS, configureApp } = await import('../../dist/src/app.setup.js');
  const { ApiKeyService } = await import('../../dist/src/modules/security/api-keys/api-key.service.js');
  const { Scope, Tier } = await import('../../dist/src/modules/security/index.js');
  const { JobQueue } = await import('../../dist/src/modules/database/jobs/job-queue.service.js');
  const app = configureApp(await NestFactory.create(AppModule, APP_OPTIONS));
  await app.listen(0, '127.0.0.1');
  const { key } = await app
    .get(ApiKeyService)
    .create({ name: 'bench', owner: 'bench', tier: Tier.ENTERPRISE, scopes: [Scope.CDN_WRITE, Scope.CDN_READ], createdBy: 'system:bench' });
  const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  const auth = { Authorization: `Bearer ${key}` };
  await queueReady(app.get(JobQueue));
  const id = await uploadScript(base, auth, readFileSync(join(root, 'cdn', hash, name)), name);
  const deadline = Date.now() + 180_000;
  for (;;) {
    const asset = await (await globalThis.fetch(`${base}/v1/assets/${id}`, { headers: auth })).json();
    if (asset.status === 'ready') {
      return { server: app.getHttpServer(), asset: { path: asset.urls.immutable } };
    }
    if (asset.status !== 'processing' || Date.now() > deadline) {
      throw new Error(`asset ${id} is ${asset.status}: ${asset.failureReason}`);
    }
    await sleep(250);
  }
}

const MODES = { handler: startBareServer, floor: startFloorServer, app: startAppServer };

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root, hash, name, mode = 'handler'] = process.argv.slice(2);
  const { server, asset } = await MODES[mode](root, hash, name);
  const ready = () => process.stdout.write(`READY ${server.address().port} ${asset.path ?? `/cdn/${hash}/${name}`}\n`);
  // Exit on SIGTERM rather than die of it, so that --profile-dir gets every server's profile.
  process.once('SIGTERM', () => process.exit(0));
  if (server.listening) {
    ready();
  } else {
    server.listen(0, '127.0.0.1', ready);
  }
}
