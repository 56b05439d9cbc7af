import { RedisConnection } from '@app/common';
import { AppConfig } from '@app/config';
import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';

import { AutoBlockService } from './auto-block/auto-block.service.js';
import { createWindowCounter } from './auto-block/window-counter.factory.js';
import { WINDOW_COUNTER } from './auto-block/window-counter.js';
import { Clock } from './clock.js';
import { IpBlockList } from './ip-block-list.service.js';
import { IpBlockMiddleware } from './ip-block.middleware.js';
import { IpBlockSyncService } from './ip-block-sync.service.js';
import { IpBlocksController } from './ip-blocks.controller.js';
import { IpBlocksMetrics } from './ip-blocks.metrics.js';
import { IpBlocksService } from './ip-blocks.service.js';
import { IpBlockRepository } from './repositories/ip-block.repository.js';

/**
 * The IP/CIDR block list: admin CRUD, the per-request check (middleware, so it runs before every guard), the sync
 * between instances, and automatic blocks from threat detections and failed logins.
 */
@Module({
  controllers: [IpBlocksController],
  exports: [IpBlockList, IpBlocksService],
  providers: [
    AutoBlockService,
    Clock,
    IpBlockList,
    IpBlockMiddleware,
    IpBlockRepository,
    IpBlocksMetrics,
    IpBlocksService,
    IpBlockSyncService,
    { provide: WINDOW_COUNTER, inject: [AppConfig, RedisConnection, IpBlocksMetrics], useFactory: createWindowCounter },
  ],
})
export class IpBlocksModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Probes must answer whoever asks: a blocked load balancer or kubelet would take the instance out of service.
    consumer.apply(IpBlockMiddleware).exclude({ path: 'health/{*probe}', method: RequestMethod.ALL }).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
