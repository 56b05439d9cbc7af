import { Module } from '@nestjs/common';

import { GpuStoreModule } from '../store/index.js';
import { RecommendationsController } from './api/recommendations.controller.js';
import { RecommendationClock } from './engine/recommendation-clock.js';
import { RecommendationDismissal } from './engine/recommendation-dismissal.service.js';
import { RecommendationEngine } from './engine/recommendation-engine.service.js';
import { RecommendationScheduler } from './engine/recommendation-scheduler.service.js';
import { RecommendationsMetrics } from './recommendations.metrics.js';
import { RecommendationRepository } from './store/recommendation.repository.js';

/**
 * Recommendations with stored evidence: rules over each device's 1-minute rollups, evaluated every 5 minutes and
 * on demand, one open row per (device, rule); devices and rollups come through the `GpuSeriesSource` that the
 * telemetry store's module exports.
 */
@Module({
  controllers: [RecommendationsController],
  imports: [GpuStoreModule],
  providers: [RecommendationClock, RecommendationDismissal, RecommendationEngine, RecommendationRepository, RecommendationScheduler, RecommendationsMetrics],
})
export class RecommendationsModule {}
