import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { brotliDecompressSync } from 'node:zlib';
import request from 'supertest';

import { ASSET_STORAGE, type AssetStorage } from '../../src/modules/cdn/storage/asset-storage.js';
import { S3AssetStorage } from '../../src/modules/cdn/storage/s3-asset-storage.js';
import { Scope } from '../../src/modules/security/index.js';
import { startAzurite, type AzuriteServer } from '../support/azurite-server.js';
import { bootApp } from '../support/app.js';
import { rawRequest, upload, waitSettled, type AssetBody } from '../support/cdn/cdn-client.js';
import { samplePng, sampleScript } from '../support/cdn/cdn-fixtures.js';
import { bearer, issueApiKey } from '../support/principals.js';
import { S3RVER_CREDENTIALS, startS3rver, type S3rverServer } from '../support/s3rver-server.js';
import { waitFor } from '../support/wait-for.js';

interface StorageCase {
  name: string;
  env(): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

let s3rver: S3rverServer | undefined;
let azurite: AzuriteServer | undefined;

const cases: StorageCase[] = [
  {
    name: 's3 (s3rver)',
    async env() {
      s3rver = await startS3rver();
      const bucket = 'bulwark-assets';
      const setup = new S3AssetStorage({ bucket, region: 'us-east-1', endpoint: s3rver.endpoint, forcePathStyle: true, ...S3RVER_CREDENTIALS, createBucket: true });
      await setup.init();
      await setup.close();
      return {
        CDN_STORAGE: 's3',
        CDN_S3_BUCKET: bucket,
        CDN_S3_ENDPOINT: s3rver.endpoint,
        CDN_S3_FORCE_PATH_STYLE: 'true',
        CDN_S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
        CDN_S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      };
    },
    stop: async () => {
      await s3rver?.stop();
      s3rver = undefined;
    },
  },
  {
    name: 'azure (Azurite)',
    async env() {
      azurite = await startAzurite();
      return { CDN_STORAGE: 'azure', CDN_AZURE_CONNECTION_STRING: azurite.connectionString, CDN_AZURE_CONTAINER: 'bulwark-assets' };
    },
    stop: async () => {
      await azurite?.stop();
      azurite = undefined;
    },
  },
];

async function keysUnder(storage: AssetStorage, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of storage.list(prefix)) {
    keys.push(object.key);
  }
  return keys;
}

describe.each(cases)('CDN on $name storage: upload → optimise → serve → purge', (storageCase) => {
  let db: TestDatabase;
  let app: INestApplication;
  let writer: Record<string, string>;

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp({ DATABASE_URL: db.url, CDN_IMAGE_WIDTHS: '200', ...(await storageCase.env()) });
    writer = bearer(await issueApiKey(app, { scopes: [Scope.CDN_WRITE, Scope.CDN_READ], name: 'cdn writer' }));
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await storageCase.stop();
  });

  it('reports the storage in readiness', async () => {
    const ready = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', details: { assetStorage: { status: 'up' } } });
  });

  it('serves a minified script with brotli and ranges, then deletes its bytes from the storage', async () => {
    const created = await upload(app, writer, { name: 'app.js', body: sampleScript('storage'), contentType: 'text/javascript' }).expect(201);
    const asset = await waitSettled(app, writer, (created.body as AssetBody).id);
    expect(asset.status).toBe('ready');

    const brotli = await rawRequest(app, asset.urls.immutable, { 'Accept-Encoding': 'br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    const identity = await rawRequest(app, asset.urls.immutable, { 'Accept-Encoding': 'identity' });
    expect(brotliDecompressSync(brotli.body).equals(identity.body)).toBe(true);
    const part = await rawRequest(app, asset.urls.immutable, { 'Accept-Encoding': 'identity', Range: 'bytes=-16' });
    expect(part.status).toBe(206);
    expect(part.body.equals(identity.body.subarray(-16))).toBe(true);

    const storage = app.get<AssetStorage>(ASSET_STORAGE);
    expect((await keysUnder(storage, `objects/${asset.contentHash}/`)).length).toBeGreaterThanOrEqual(4);
    await request(app.getHttpServer()).post('/v1/cdn/purge').set(writer).send({ urls: [asset.urls.immutable] }).expect(202);
    expect((await rawRequest(app, asset.urls.immutable)).status).toBe(200);
    await request(app.getHttpServer()).delete(`/v1/assets/${asset.id}`).set(writer).expect(202);
    expect((await rawRequest(app, asset.urls.immutable)).status).toBe(404);
    expect(await keysUnder(storage, `objects/${asset.contentHash}/`)).toEqual([]);
  });

  it('makes and serves image variants', async () => {
    const created = await upload(app, writer, { name: 'photo.png', body: await samplePng(400, 300), contentType: 'image/png' }).expect(201);
    const asset = await waitSettled(app, writer, (created.body as AssetBody).id);
    const webp = await rawRequest(app, `${asset.urls.immutable}?w=200`, { Accept: 'image/webp' });
    expect(webp.status).toBe(200);
    expect(webp.headers['content-type']).toBe('image/webp');
  });

  it('answers uploads with a retryable 503 while the storage is down, never a 500', async () => {
    await storageCase.stop();
    const response = await upload(app, writer, { name: 'late.js', body: 'console.log("late")', contentType: 'text/javascript' });
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ code: 'CDN.STORAGE_UNAVAILABLE' });
    expect(response.headers['retry-after']).toBe('5');
    // Readiness reuses a storage ping for up to 5 s (asset-storage.health.ts): one taken before the stop may still stand.
    const readiness = async (): Promise<request.Response> => request(app.getHttpServer()).get('/health/ready');
    await waitFor(async () => ((await readiness()).body as { status?: string }).status === 'degraded', 'readiness to see the storage down', 15_000);
    const ready = await readiness();
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'degraded', details: { assetStorage: { status: 'degraded' } } });
  });
});
