import { AppConfig } from '@app/config';
import type { Provider } from '@nestjs/common';

import { createAssetStorage } from './asset-storage.factory.js';
import { ASSET_STORAGE, type AssetStorage } from './asset-storage.js';

/** The configured storage, ready (directory, bucket or container checked) before the app serves. */
export const assetStorageProvider: Provider = {
  provide: ASSET_STORAGE,
  inject: [AppConfig],
  useFactory: async (config: AppConfig): Promise<AssetStorage> => {
    const storage = createAssetStorage(config.cdn);
    await storage.init();
    return storage;
  },
};
