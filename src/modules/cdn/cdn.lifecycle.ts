import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';

import { EDGE_PURGERS } from './purge/edge-purge.queue.js';
import type { EdgePurger } from './edges/edge-purger.js';
import { ASSET_STORAGE, type AssetStorage } from './storage/asset-storage.js';

/** Closes the storage client and edge clients (sockets, SDK agents) when the app stops. */
@Injectable()
export class CdnLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EDGE_PURGERS) private readonly purgers: readonly EdgePurger[],
    @Inject(ASSET_STORAGE) private readonly storage: AssetStorage,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.storage.close();
    for (const purger of this.purgers) {
      await purger.close?.();
    }
  }
}
