import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';

import { CacheService } from './cache.service.js';

/** Subscribes to the invalidation channel at startup; unsubscribes and closes the L2 connection at shutdown. */
@Injectable()
export class CacheLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(private readonly cache: CacheService) {}

  async onModuleInit(): Promise<void> {
    await this.cache.tiers.bus?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.cache.tiers.bus?.stop();
    await this.cache.tiers.shared?.tier.close();
  }
}
