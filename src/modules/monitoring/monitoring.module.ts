import { Module } from '@nestjs/common';

import { LiveModule } from './live/live.module.js';
import { MetricsController } from './metrics.controller.js';
import { SignalsModule } from './signals/signals.module.js';
import { SummaryModule } from './summary/summary.module.js';

/**
 * `/metrics` over the registry every module writes to (`MetricsRegistry` in `@app/common`), HTTP RED metrics and
 * percentiles, summaries, alerts, baselines, scaling advice, the live stream and dashboard, and the profiler.
 */
@Module({
  controllers: [MetricsController],
  exports: [SignalsModule],
  imports: [LiveModule, SignalsModule, SummaryModule],
})
export class MonitoringModule {}
