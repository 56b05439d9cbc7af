import { Module } from '@nestjs/common';

import { RecommendationsController } from './api/recommendations.controller.js';
import { RecommendationClock } from './engine/recommendation-clock.js';
import { RecommendationDismissal } from './engine/recommendation-dismissal.service.js';
import { RecommendationEngine } from './engine/recommendation-engine.service.js';
import { RecommendationScheduler } from './engine/recommendation-scheduler.service.js';
import { RecommendationsMetrics } from './recommendations.metrics.js';
import { RecommendationRepository } from './store/recommendation.repository.js';

/**
 * Recommendations with stored evidence: rules over each device's 1-minute rollups, evaluated every 5 minutes and
 * on demand, one open row per (device, rule). Needs a `GpuSeriesSource` provider: import the telemetry store's
 * module beside this one (see `imports`).
 */
@Module({
  controllers: [RecommendationsController],
  imports: [],
  providers: [RecommendationClock, RecommendationDismissal, RecommendationEngine, RecommendationRepository, RecommendationScheduler, RecommendationsMetrics],
})
export class RecommendationsModule {}
