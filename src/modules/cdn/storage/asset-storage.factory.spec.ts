import type { AppConfig } from '@app/config';

import { createAssetStorage } from './asset-storage.factory.js';
import { AzureAssetStorage } from './azure-asset-storage.js';
import { LocalAssetStorage } from './local-asset-storage.js';
import { S3AssetStorage } from './s3-asset-storage.js';

type CdnConfig = AppConfig['cdn'];

const AZURITE = 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;';

function cdnConfig(overrides: Partial<Pick<CdnConfig, 'azure' | 's3'>> & { storage: string }): CdnConfig {
  return {
    aliasTtlMs: 1000,
    azure: { container: 'assets' },
    cloudflare: { apiUrl: 'https://api.cloudflare.com/client/v4', purgeBatch: 30 },
    cloudfront: {},
    image: { maxPixels: 1, widths: [] },
    limits: { maxFileBytes: 1, maxFilesPerRequest: 1, maxRequestBytes: 1, uploadConcurrency: 1 },
    localDir: '/tmp/bulwark-factory-spec',
    purgeRetryDelayMs: 1000,
    memoryCache: { maxBytes: 1, maxObjectBytes: 1 },
    s3: { forcePathStyle: false, region: 'us-east-1' },
    ...overrides,
    storage: overrides.storage as CdnConfig['storage'],
  };
}

describe(createAssetStorage.name, () => {
  it.each([
    ['local', {}, LocalAssetStorage],
    ['s3', { s3: { bucket: 'assets', forcePathStyle: true, region: 'auto' } }, S3AssetStorage],
    ['azure', { azure: { connectionString: AZURITE, container: 'assets' } }, AzureAssetStorage],
  ])('builds the %s strategy', async (storage, overrides, type) => {
    const built = createAssetStorage(cdnConfig({ storage, ...overrides }));

    expect(built).toBeInstanceOf(type);
    expect(built.kind).toBe(storage);
    await built.close();
  });

  it('refuses S3 without a bucket', () => {
    expect(() => createAssetStorage(cdnConfig({ storage: 's3' }))).toThrow('CDN_STORAGE=s3 needs CDN_S3_BUCKET');
  });

  it('refuses Azure without a connection string', () => {
    expect(() => createAssetStorage(cdnConfig({ storage: 'azure' }))).toThrow('CDN_STORAGE=azure needs CDN_AZURE_CONNECTION_STRING');
  });

  it('refuses an unknown kind', () => {
    expect(() => createAssetStorage(cdnConfig({ storage: 'ftp' }))).toThrow('Unknown CDN_STORAGE "ftp"');
  });
});
