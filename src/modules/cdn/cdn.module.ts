import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';

import { IpBlocksModule } from '../security/index.js';
import { AssetsController } from './api/assets.controller.js';
import { CdnController } from './api/cdn.controller.js';
import { AssetRepository } from './assets/asset.repository.js';
import { AssetVariantRepository } from './assets/asset-variant.repository.js';
import { CdnLifecycle } from './cdn.lifecycle.js';
import { CdnMetrics } from './cdn.metrics.js';
import { CdnServingMiddleware } from './cdn-serving.middleware.js';
import { edgePurgersProvider } from './edges/edge-purgers.provider.js';
import { AssetOptimizationQueue } from './optimize-job/asset-optimization.queue.js';
import { AssetOptimizer } from './optimize-job/asset-optimizer.service.js';
import { CdnCacheInvalidator } from './purge/cdn-cache-invalidator.service.js';
import { CdnPurgeService } from './purge/cdn-purge.service.js';
import { EdgePurgeQueue } from './purge/edge-purge.queue.js';
import { CdnAssetResolver } from './resolve/cdn-asset-resolver.service.js';
import { CdnStatsRepository } from './stats/cdn-stats.repository.js';
import { CdnStatsService } from './stats/cdn-stats.service.js';
import { AssetStorageHealthIndicator } from './storage/asset-storage.health.js';
import { assetStorageProvider } from './storage/asset-storage.provider.js';
import { AssetIngestService } from './upload/asset-ingest.service.js';
import { AssetUploadService } from './upload/asset-upload.service.js';

/**
 * Assets: upload (checked by content, stored once per hash), optimisation jobs, the lean `/cdn/*` serving path
 * (mounted by configureApp), purges of our cache and the edges, and savings analytics.
 */
@Module({
  controllers: [AssetsController, CdnController],
  exports: [AssetStorageHealthIndicator, CdnServingMiddleware],
  imports: [IpBlocksModule, TerminusModule],
  providers: [
    AssetIngestService,
    AssetOptimizationQueue,
    AssetOptimizer,
    AssetRepository,
    AssetStorageHealthIndicator,
    AssetUploadService,
    AssetVariantRepository,
    CdnAssetResolver,
    CdnCacheInvalidator,
    CdnLifecycle,
    CdnMetrics,
    CdnPurgeService,
    CdnServingMiddleware,
    CdnStatsRepository,
    CdnStatsService,
    EdgePurgeQueue,
    assetStorageProvider,
    edgePurgersProvider,
  ],
})
export class CdnModule {}
