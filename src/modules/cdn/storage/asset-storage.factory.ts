import type { AppConfig } from '@app/config';

import type { AssetStorage } from './asset-storage.js';
import { AzureAssetStorage } from './azure-asset-storage.js';
import { LocalAssetStorage } from './local-asset-storage.js';
import { S3AssetStorage } from './s3-asset-storage.js';

/** The AssetStorage that CDN_STORAGE names; throws on an unknown kind or a missing required setting. */
export function createAssetStorage(config: AppConfig['cdn']): AssetStorage {
  const kind: string = config.storage;
  switch (config.storage) {
    case 'local':
      return new LocalAssetStorage(config.localDir);
    case 's3': {
      const { bucket, ...s3 } = config.s3;
      if (bucket === undefined || bucket === '') {
        throw new Error('CDN_STORAGE=s3 needs CDN_S3_BUCKET');
      }
      return new S3AssetStorage({ ...s3, bucket });
    }
    case 'azure': {
      const { connectionString, container } = config.azure;
      if (connectionString === undefined || connectionString === '') {
        throw new Error('CDN_STORAGE=azure needs CDN_AZURE_CONNECTION_STRING');
      }
      return new AzureAssetStorage({ connectionString, container });
    }
    default:
      throw new Error(`Unknown CDN_STORAGE ${JSON.stringify(kind)}: expected local, s3 or azure`);
  }
}
