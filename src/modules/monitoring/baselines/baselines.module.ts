import { Module } from '@nestjs/common';

import { SignalsModule } from '../signals/signals.module.js';
import { ActiveBaselineLoader } from './active-baseline.loader.js';
import { BaselinesController } from './api/baselines.controller.js';
import { RegressionsController } from './api/regressions.controller.js';
import { BaselineRepository } from './baseline.repository.js';
import { BaselinesService } from './baselines.service.js';

/**
 * Baselines (captured route figures, the newest or re-activated one active) and the regressions API. The tracker
 * itself is provided by SignalsModule so the signal reader can see it; this module feeds it the active baseline.
 */
@Module({
  controllers: [BaselinesController, RegressionsController],
  imports: [SignalsModule],
  providers: [ActiveBaselineLoader, BaselineRepository, BaselinesService],
})
export class BaselinesModule {}
