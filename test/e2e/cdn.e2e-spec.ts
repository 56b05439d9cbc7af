import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import request from 'supertest';

import { Scope } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { rawRequest, upload, waitSettled, type AssetBody } from '../support/cdn/cdn-client.js';
import { pngDeclaring, samplePng, sampleScript, sampleStylesheet } from '../support/cdn/cdn-fixtures.js';
import { bearer, issueApiKey } from '../support/principals.js';

async function storedFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name)).sort();
}

describe('CDN: upload, optimise, serve, purge (local storage)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let writer: Record<string, string>;
  let reader: Record<string, string>;
  let storageRoot: string;
  let script: AssetBody;
  const http = (): ReturnType<typeof request> => request(app.getHttpServer());

  beforeAll(async () => {
    db = await testDatabase();
    storageRoot = join(await import('node:os').then(({ tmpdir }) => tmpdir()), `bulwark-cdn-${process.pid}-${Date.now()}`);
    app = await bootApp({ DATABASE_URL: db.url, CDN_LOCAL_DIR: storageRoot, CDN_MAX_FILE_BYTES: '2000000', CDN_IMAGE_WIDTHS: '320', CDN_IMAGE_MAX_PIXELS: '4000000' });
    writer = bearer(await issueApiKey(app, { scopes: [Scope.CDN_WRITE, Scope.CDN_READ], name: 'cdn writer' }));
    reader = bearer(await issueApiKey(app, { scopes: [Scope.CDN_READ], name: 'cdn reader' }));
    const created = await upload(app, writer, { name: 'app.js', body: sampleScript(), contentType: 'text/javascript' }, 'release-1,js');
    expect(created.status).toBe(201);
    script = await waitSettled(app, reader, (created.body as AssetBody).id);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  describe('upload', () => {
    it('stores a script, minifies it in a job and records the sizes', () => {
      expect(script).toMatchObject({ name: 'app.js', kind: 'js', status: 'ready', tags: ['release-1', 'js'] });
      expect(script.optimizedBytes).toBeLessThan(script.originalBytes * 0.7);
      expect(script.urls.immutable).toBe(`/cdn/${script.contentHash.slice(0, 16)}/app.js`);
    });

    it('lists every stored variant and encoding, keeping only encodings that are smaller', async () => {
      const detail = (await http().get(`/v1/assets/${script.id}`).set(reader).expect(200)).body as AssetBody;
      const optimized = detail.variants!.filter((variant) => variant.variant === 'optimized');
      expect(optimized.map((variant) => variant.encoding).sort()).toEqual(['br', 'gzip', 'identity']);
      const identity = optimized.find((variant) => variant.encoding === 'identity')!.bytes;
      for (const encoded of optimized.filter((variant) => variant.encoding !== 'identity')) {
        expect(encoded.bytes).toBeLessThan(identity);
      }
    });

    it('answers the same name and content again with the same asset (200), stored once', async () => {
      const before = await storedFiles(storageRoot);
      const again = await upload(app, writer, { name: 'app.js', body: sampleScript(), contentType: 'text/javascript' });
      expect(again.status).toBe(200);
      expect((again.body as AssetBody).id).toBe(script.id);
      expect(await storedFiles(storageRoot)).toEqual(before);
    });

    it('stores identical content under another name once, sharing its optimisation', async () => {
      const before = await storedFiles(storageRoot);
      const copy = await upload(app, writer, { name: 'copy.js', body: sampleScript(), contentType: 'application/javascript' });
      expect(copy.status).toBe(201);
      expect(copy.body).toMatchObject({ contentHash: script.contentHash, status: 'ready', job: null });
      expect(await storedFiles(storageRoot)).toEqual(before);
    });

    it('sanitises names: no directories, no control characters', async () => {
      // Raw control characters make a part header malformed (400), so they come percent-encoded (RFC 5987).
      const boundary = 'sanitise';
      const body = [
        `--${boundary}`,
        `Content-Disposition: form-data; name="file"; filename*=UTF-8''..%2F..%2Fetc%2F%07evil%E2%80%AE.js`,
        'Content-Type: text/javascript',
        '',
        'console.log(1)',
        `--${boundary}--`,
        '',
      ].join('\r\n');
      const response = await http().post('/v1/assets').set(writer).set('Content-Type', `multipart/form-data; boundary=${boundary}`).send(body);
      expect(response.status).toBe(201);
      expect((response.body as AssetBody).name).toBe('evil.js');
      const traversal = await upload(app, writer, { name: '..\\..\\windows\\win.ini.txt', body: 'x', contentType: 'text/plain' });
      expect(traversal.status).toBe(201);
      expect((traversal.body as AssetBody).name).toBe('win.ini.txt');
    });

    it.each([
      ['PNG bytes declared as JavaScript', { name: 'x.js', body: pngDeclaring(10, 10), contentType: 'text/javascript' }, 415],
      ['JavaScript declared as a PNG', { name: 'x.png', body: 'alert(1)', contentType: 'image/png' }, 415],
      ['an HTML document', { name: 'page.txt', body: '<!doctype html><html><body>hi</body></html>', contentType: 'text/plain' }, 415],
      ['an empty file', { name: 'empty.js', body: Buffer.alloc(0), contentType: 'text/javascript' }, 400],
      ['a decompression bomb', { name: 'bomb.png', body: pngDeclaring(50_000, 50_000), contentType: 'image/png' }, 413],
      ['a file over CDN_MAX_FILE_BYTES', { name: 'big.txt', body: 'a'.repeat(2_000_001), contentType: 'text/plain' }, 413],
      ['a name that is only dots', { name: '..', body: 'x', contentType: 'text/plain' }, 400],
    ])('refuses %s as problem+json, storing nothing', async (_label, file, status) => {
      const before = await storedFiles(storageRoot);
      const response = await upload(app, writer, file);
      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status, code: expect.stringMatching(/^CDN\./) });
      expect(JSON.stringify(response.body)).not.toContain('    at ');
      expect(await storedFiles(storageRoot)).toEqual(before);
    });

    it('refuses malformed multipart and non-multipart bodies', async () => {
      const boundary = 'xyz';
      const truncated = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.js"\r\nContent-Type: text/javascript\r\n\r\nconsole.log(1)`;
      const malformed = await http().post('/v1/assets').set(writer).set('Content-Type', `multipart/form-data; boundary=${boundary}`).send(truncated);
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({ code: 'CDN.MALFORMED_MULTIPART' });
      const json = await http().post('/v1/assets').set(writer).send({ file: 'x' });
      expect(json.status).toBe(415);
    });

    it('takes one file on the single endpoint', async () => {
      const response = await http()
        .post('/v1/assets')
        .set(writer)
        .attach('file', Buffer.from('a'), { filename: 'a.txt', contentType: 'text/plain' })
        .attach('file', Buffer.from('b'), { filename: 'b.txt', contentType: 'text/plain' });
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({ code: 'CDN.TOO_MANY_FILES' });
    });

    it('needs cdn:write to upload and cdn:read to look', async () => {
      await upload(app, reader, { name: 'r.txt', body: 'r', contentType: 'text/plain' }).expect(403);
      await http().get(`/v1/assets/${script.id}`).expect(401);
    });
  });

  describe('batch upload', () => {
    it('answers one result per file, good and bad alike', async () => {
      const response = await http()
        .post('/v1/assets/batch')
        .set(writer)
        .attach('file', Buffer.from(sampleStylesheet()), { filename: 'site.css', contentType: 'text/css' })
        .attach('file', Buffer.from('alert(1)'), { filename: 'fake.png', contentType: 'image/png' })
        .attach('file', Buffer.from('{"a": 1}'), { filename: 'data.json', contentType: 'application/json' });
      expect(response.status).toBe(200);
      const items = (response.body as { items: { filename: string; status: number; asset?: AssetBody; problem?: { code: string } }[] }).items;
      expect(items.map((item) => [item.filename, item.status])).toEqual([
        ['site.css', 201],
        ['fake.png', 415],
        ['data.json', 201],
      ]);
      expect(items[1]?.problem).toMatchObject({ code: 'CDN.TYPE_MISMATCH' });
      const css = await waitSettled(app, reader, items[0]!.asset!.id);
      expect(css.optimizedBytes).toBeLessThan(css.originalBytes);
    });

    it('streams progress over SSE when asked', async () => {
      const call = http().post('/v1/assets/batch').set(writer).set('Accept', 'text/event-stream');
      for (let index = 0; index < 5; index++) {
        call.attach('file', Buffer.from(`note ${index}`), { filename: `note-${index}.txt`, contentType: 'text/plain' });
      }
      const response = await call.buffer(true).parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => done(null, text));
      });
      expect(response.headers['content-type']).toContain('text/event-stream');
      const events = (response.body as string).split('\n\n').filter((block) => block.startsWith('event:'));
      const progress = events.filter((block) => block.startsWith('event: progress')).map((block) => JSON.parse(block.split('data: ')[1]!) as { done: number; total: number });
      expect(progress.map((event) => event.done)).toEqual([1, 2, 3, 4, 5]);
      expect(progress.every((event) => event.total === 5)).toBe(true);
      expect(events.at(-1)).toMatch(/^event: result/);
    });
  });

  describe('serving', () => {
    it('serves the immutable URL with brotli, a strong ETag and a year of caching', async () => {
      const response = await rawRequest(app, script.urls.immutable, { 'Accept-Encoding': 'gzip, br' });
      expect(response.status).toBe(200);
      expect(response.headers).toMatchObject({
        'content-encoding': 'br',
        'content-type': expect.stringContaining('javascript'),
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
        'x-request-id': expect.any(String),
        // helmet's headers apply here too, with CORP opened so other origins can load the asset.
        'x-frame-options': 'DENY',
        'strict-transport-security': expect.stringContaining('max-age='),
        'cross-origin-resource-policy': 'cross-origin',
        'access-control-allow-origin': '*',
      });
      expect(response.headers.vary).toMatch(/Accept-Encoding/i);
      expect(response.headers.etag).toMatch(/^"[^"]+"$/);
      expect(response.headers['last-modified']).toBeDefined();
      const code = brotliDecompressSync(response.body).toString('utf8');
      const sandbox: { cdnMarker?: string } = {};
      runInNewContext(code, sandbox);
      expect(sandbox.cdnMarker).toBe('bulwark:40,41,42');
    });

    it('negotiates gzip and identity', async () => {
      const gzip = await rawRequest(app, script.urls.immutable, { 'Accept-Encoding': 'gzip' });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      const identity = await rawRequest(app, script.urls.immutable, { 'Accept-Encoding': 'identity' });
      expect(identity.headers['content-encoding']).toBeUndefined();
      expect(gunzipSync(gzip.body).equals(identity.body)).toBe(true);
      expect(Number(identity.headers['content-length'])).toBe(identity.body.length);
    });

    it('answers If-None-Match with 304 and HEAD with headers only', async () => {
      const first = await rawRequest(app, script.urls.immutable, { 'Accept-Encoding': 'br' });
      const revalidated = await rawRequest(app, script.urls.immutable, { 'Accept-Encoding': 'br', 'If-None-Match': first.headers.etag! });
      expect(revalidated.status).toBe(304);
      const ownId = await rawRequest(app, script.urls.immutable, { 'X-Request-Id': 'trace-abc.123' });
      expect(ownId.headers['x-request-id']).toBe('trace-abc.123');
      expect(revalidated.body.length).toBe(0);
      const head = await rawRequest(app, script.urls.immutable, { 'Accept-Encoding': 'br' }, 'HEAD');
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      expect(head.headers['content-length']).toBe(first.headers['content-length']);
    });

    it('serves a single range with 206 and refuses an unsatisfiable one with 416', async () => {
      const whole = await rawRequest(app, script.urls.immutable, { 'Accept-Encoding': 'identity' });
      const part = await rawRequest(app, script.urls.immutable, { 'Accept-Encoding': 'identity', Range: 'bytes=10-19' });
      expect(part.status).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 10-19/${whole.body.length}`);
      expect(part.body.equals(whole.body.subarray(10, 20))).toBe(true);
      const beyond = await rawRequest(app, script.urls.immutable, { 'Accept-Encoding': 'identity', Range: `bytes=${whole.body.length + 5}-` });
      expect(beyond.status).toBe(416);
      expect(beyond.headers['content-range']).toBe(`bytes */${whole.body.length}`);
    });

    it('serves the alias with a short TTL and 404s unknown paths as problem+json', async () => {
      const alias = await rawRequest(app, '/cdn/latest/app.js', { 'Accept-Encoding': 'br' });
      expect(alias.status).toBe(200);
      expect(alias.headers['cache-control']).toBe('public, max-age=60');
      const missing = await rawRequest(app, '/cdn/0123456789abcdef/nothing.js');
      expect(missing.status).toBe(404);
      expect(missing.headers['content-type']).toContain('application/problem+json');
      const junk = await rawRequest(app, '/cdn/../../etc/passwd');
      expect([400, 404]).toContain(junk.status);
      const post = await http().post(script.urls.immutable).send('x');
      expect(post.status).toBe(405);
    });

    it('serves images as WebP or AVIF by Accept, resized by ?w=, metadata stripped', async () => {
      const png = await upload(app, writer, { name: 'photo.png', body: await samplePng(), contentType: 'image/png' });
      expect(png.status).toBe(201);
      const image = await waitSettled(app, reader, (png.body as AssetBody).id);
      expect(image.status).toBe('ready');

      const avif = await rawRequest(app, image.urls.immutable, { Accept: 'image/avif,image/webp,image/*' });
      expect(avif.headers['content-type']).toBe('image/avif');
      expect(avif.headers.vary).toMatch(/Accept/);
      const webp = await rawRequest(app, image.urls.immutable, { Accept: 'image/webp,image/*' });
      expect(webp.headers['content-type']).toBe('image/webp');
      const plain = await rawRequest(app, image.urls.immutable, { Accept: 'image/png' });
      expect(plain.headers['content-type']).toBe('image/png');
      const metadata = await sharp(plain.body).metadata();
      expect(metadata.exif).toBeUndefined();

      const small = await rawRequest(app, `${image.urls.immutable}?w=320`, { Accept: 'image/webp' });
      expect(small.status).toBe(200);
      expect((await sharp(small.body).metadata()).width).toBe(320);
      expect((await rawRequest(app, `${image.urls.immutable}?w=999`)).status).toBe(404);
    });
  });

  describe('purge and delete', () => {
    it('drops our cached resolution by URL, tag and prefix', async () => {
      const body = 'console.log("purge me")';
      const created = (await upload(app, writer, { name: 'purge.js', body, contentType: 'text/javascript' }, 'purge-tag').expect(201)).body as AssetBody;
      await waitSettled(app, reader, created.id);
      const url = created.urls.immutable;
      expect((await rawRequest(app, url)).status).toBe(200);

      // Behind the service's back: only a purge makes the cached resolution see it.
      await app.get(DataSource).query('delete from assets where id = $1', [created.id]);
      expect((await rawRequest(app, url)).status).toBe(200);
      await http().post('/v1/cdn/purge').set(writer).send({ urls: [url] }).expect(202);
      expect((await rawRequest(app, url)).status).toBe(404);
    });

    it('purges by tag and by prefix', async () => {
      for (const [purge, name] of [
        [{ tags: ['tagged'] }, 'tagged.js'],
        [{ prefix: '/cdn/latest/pre' }, 'prefixed.js'],
      ] as const) {
        const created = (await upload(app, writer, { name, body: `console.log("${name}")`, contentType: 'text/javascript' }, 'tagged').expect(201)).body as AssetBody;
        await waitSettled(app, reader, created.id);
        const alias = `/cdn/latest/${name}`;
        expect((await rawRequest(app, alias)).status).toBe(200);
        await app.get(DataSource).query('delete from assets where id = $1', [created.id]);
        expect((await rawRequest(app, alias)).status).toBe(200);
        const response = await http().post('/v1/cdn/purge').set(writer).send(purge);
        expect(response.status).toBe(202);
        expect(response.body).toMatchObject({ edges: [] });
        expect((await rawRequest(app, alias)).status).toBe(404);
      }
    });

    it('refuses purges that are not exactly one well-formed kind', async () => {
      await http().post('/v1/cdn/purge').set(writer).send({}).expect(400);
      await http().post('/v1/cdn/purge').set(writer).send({ urls: ['/x'], tags: ['a'] }).expect(400);
      await http().post('/v1/cdn/purge').set(writer).send({ urls: ['/not-cdn/file.js'] }).expect(400);
      await http().post('/v1/cdn/purge').set(writer).send({ prefix: '/cdn/../etc' }).expect(400);
      await http().post('/v1/cdn/purge').set(reader).send({ tags: ['a'] }).expect(403);
    });

    it('deletes an asset: its URLs 404 at once and its bytes go when nothing else shares them', async () => {
      const created = (await upload(app, writer, { name: 'gone.css', body: 'a { color: red }', contentType: 'text/css' }).expect(201)).body as AssetBody;
      await waitSettled(app, reader, created.id);
      expect((await rawRequest(app, created.urls.immutable)).status).toBe(200);
      const files = await storedFiles(storageRoot);
      expect(files.some((file) => file.includes(created.contentHash))).toBe(true);

      await http().delete(`/v1/assets/${created.id}`).set(writer).expect(202);
      expect((await rawRequest(app, created.urls.immutable)).status).toBe(404);
      expect((await storedFiles(storageRoot)).some((file) => file.includes(created.contentHash))).toBe(false);
      await http().get(`/v1/assets/${created.id}`).set(reader).expect(404);
    });
  });

  describe('listing and stats', () => {
    it('pages assets newest first', async () => {
      const first = await http().get('/v1/assets?limit=2').set(reader).expect(200);
      expect((first.body as { items: AssetBody[] }).items).toHaveLength(2);
      const cursor = (first.body as { nextCursor: string }).nextCursor;
      expect(cursor).toEqual(expect.any(String));
      const second = await http().get(`/v1/assets?limit=2&cursor=${cursor}`).set(reader).expect(200);
      const ids = [...(first.body as { items: AssetBody[] }).items, ...(second.body as { items: AssetBody[] }).items].map((asset) => asset.id);
      expect(new Set(ids).size).toBe(ids.length);
      await http().get('/v1/assets?cursor=garbage').set(reader).expect(400);
    });

    it('reports bytes uploaded, stored, served and saved, the 304 ratio, top assets and encodings', async () => {
      const stats = (await http().get('/v1/cdn/stats').set(reader).expect(200)).body as {
        storage: Record<string, number>;
        serving: { requests: number; notModified: number; notModifiedRatio: number; byEncoding: Record<string, { bytes: number }>; topAssets: { name: string | null }[] };
      };
      expect(stats.storage.bytesUploaded).toBeGreaterThan(0);
      expect(stats.storage.bytesStored).toBeGreaterThan(0);
      expect(stats.storage.savedByMinification).toBeGreaterThan(0);
      expect(stats.storage.savedByCompression).toBeGreaterThan(0);
      expect(stats.storage.savedByImageFormats).toBeGreaterThan(0);
      expect(stats.serving.notModified).toBeGreaterThanOrEqual(1);
      expect(stats.serving.notModifiedRatio).toBeCloseTo(stats.serving.notModified / stats.serving.requests);
      expect(stats.serving.byEncoding.br?.bytes).toBeGreaterThan(0);
      expect(stats.serving.topAssets.map((asset) => asset.name)).toContain('app.js');

      const metrics = await http().get('/metrics').set(reader);
      expect(metrics.text).toMatch(/bulwark_cdn_responses_total\{status="304",encoding="none"\} [1-9]/);
      expect(metrics.text).toMatch(/bulwark_cdn_served_bytes_total\{encoding="br"\} [1-9]/);
    });
  });
});
