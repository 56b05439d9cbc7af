import { Module } from '@nestjs/common';

import { AlertsModule } from './alerts/alerts.module.js';
import { BaselinesModule } from './baselines/baselines.module.js';
import { LiveModule } from './live/live.module.js';
import { MetricsController } from './metrics.controller.js';
import { NotifyModule } from './notify/notify.module.js';
import { ProfileModule } from './profile/index.js';
import { ScalingModule } from './scaling/scaling.module.js';
import { SignalsModule } from './signals/signals.module.js';
import { SummaryModule } from './summary/summary.module.js';

/**
 * `/metrics` over the registry every module writes to (`MetricsRegistry` in `@app/common`), HTTP RED metrics and
 * percentiles, summaries, alerts, baselines, scaling advice, the live stream and dashboard, and the profiler.
 */
@Module({
  controllers: [MetricsController],
  exports: [SignalsModule],
  imports: [AlertsModule, BaselinesModule, LiveModule, NotifyModule, ProfileModule, ScalingModule, SignalsModule, SummaryModule],
})
export class MonitoringModule {}
