import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';

import { AzureAssetStorage, LocalAssetStorage, S3AssetStorage } from '../../src/modules/cdn/storage/index.js';
import { describeAssetStorageContract } from '../support/asset-storage.contract.js';
import { type AzuriteServer, startAzurite } from '../support/azurite-server.js';
import { S3RVER_CREDENTIALS, type S3rverServer, startS3rver } from '../support/s3rver-server.js';

const PAGE_SIZE = 5;
const SERVER_START_MS = 90_000;

describeAssetStorageContract(LocalAssetStorage.name, async () => {
  const root = await mkdtemp(join(tmpdir(), 'bulwark-cdn-local-'));
  const storage = new LocalAssetStorage(root);
  await storage.init();
  return {
    storage,
    async teardown() {
      await storage.close();
      await rm(root, { force: true, recursive: true });
    },
  };
});

describe(`${LocalAssetStorage.name} on disk`, () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'bulwark-cdn-local-'));
  });

  afterEach(async () => {
    await rm(root, { force: true, recursive: true });
  });

  it('removes its temp file when a body fails, and the emptied directories on delete', async () => {
    const storage = new LocalAssetStorage(root);
    await storage.init();
    const broken = new Readable({ read() { this.destroy(new Error('cut')); } });

    await expect(storage.put('objects/x/original', broken, { contentType: 'text/plain' })).rejects.toThrow('cut');
    await storage.put('objects/y/original', Buffer.from('y'), { contentType: 'text/plain' });
    await storage.delete(['objects/y/original']);

    await expect(readdir(join(root, '.tmp'))).resolves.toEqual([]);
    await expect(readdir(root)).resolves.toEqual(['.tmp']);
  });
});

describe('S3AssetStorage against s3rver', () => {
  let server: S3rverServer;

  beforeAll(async () => {
    server = await startS3rver();
  }, SERVER_START_MS);

  afterAll(async () => {
    await server.stop();
  });

  describeAssetStorageContract(S3AssetStorage.name, async () => {
    const storage = new S3AssetStorage({
      ...S3RVER_CREDENTIALS,
      bucket: `bulwark-${randomUUID()}`,
      createBucket: true,
      endpoint: server.endpoint,
      forcePathStyle: true,
      pageSize: PAGE_SIZE,
      region: 'us-east-1',
    });
    await storage.init();
    return { storage, teardown: () => storage.close() };
  }, { listsDirectoriesFirst: true });

  it('refuses to start on a missing bucket unless told to create it', async () => {
    const storage = new S3AssetStorage({ ...S3RVER_CREDENTIALS, bucket: `absent-${randomUUID()}`, endpoint: server.endpoint, forcePathStyle: true, region: 'us-east-1' });
    try {
      const notFound = { $metadata: expect.objectContaining({ httpStatusCode: 404 }) };
      await expect(storage.init()).rejects.toMatchObject(notFound);
      await expect(storage.ping()).rejects.toMatchObject(notFound);
    } finally {
      await storage.close();
    }
  });

  it('removes its spool file after a stored stream and after a PUT that fails', async () => {
    const spoolDir = await mkdtemp(join(tmpdir(), 'bulwark-s3-spool-'));
    const options = { ...S3RVER_CREDENTIALS, endpoint: server.endpoint, forcePathStyle: true, region: 'us-east-1', spoolDir };
    const stored = new S3AssetStorage({ ...options, bucket: `bulwark-${randomUUID()}`, createBucket: true });
    const missing = new S3AssetStorage({ ...options, bucket: `absent-${randomUUID()}` });
    try {
      await stored.init();
      await stored.put('objects/x/original', Readable.from(zeroChunks(2)), { contentType: 'application/octet-stream' });
      // s3rver may answer NoSuchBucket before the 2 MB body is sent, so the client sees that or a broken pipe: either
      // way the PUT fails, which is what this test needs.
      await expect(missing.put('objects/x/original', Readable.from(zeroChunks(2)), { contentType: 'application/octet-stream' })).rejects.toThrow(/NoSuchBucket|EPIPE|ECONNRESET|bucket/i);

      await expect(stored.stat('objects/x/original')).resolves.toEqual({ key: 'objects/x/original', size: 2 * 1024 * 1024 });
      await expect(readdir(spoolDir)).resolves.toEqual([]);
    } finally {
      await stored.close();
      await missing.close();
      await rm(spoolDir, { force: true, recursive: true });
    }
  });
});

describe('AzureAssetStorage against Azurite', () => {
  let server: AzuriteServer;

  // Azurite loads slowly (over 10 s on a busy two-core machine).
  beforeAll(async () => {
    server = await startAzurite();
  }, SERVER_START_MS);

  afterAll(async () => {
    await server.stop();
  });

  describeAssetStorageContract(AzureAssetStorage.name, async () => {
    const storage = new AzureAssetStorage({ connectionString: server.connectionString, container: `bulwark-${randomUUID()}`, pageSize: PAGE_SIZE });
    await storage.init();
    return { storage, teardown: () => storage.close() };
  });

  it('rejects a streamed put into a container that is gone, without waiting on the unread body', async () => {
    const storage = new AzureAssetStorage({ connectionString: server.connectionString, container: `absent-${randomUUID()}` });

    await expect(storage.put('objects/x/original', Readable.from(zeroChunks(24)), { contentType: 'application/octet-stream' })).rejects.toMatchObject({
      statusCode: 404,
    });
    await expect(storage.ping()).rejects.toMatchObject({ statusCode: 404 });
  });
});

/** `mebibytes` MiB of zeros, made as they are read. */
function* zeroChunks(mebibytes: number): Generator<Buffer> {
  for (let index = 0; index < mebibytes; index += 1) {
    yield Buffer.alloc(1024 * 1024);
  }
}
