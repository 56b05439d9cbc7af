import { Module } from '@nestjs/common';

import { AlertsModule } from '../alerts/alerts.module.js';
import { SignalsModule } from '../signals/signals.module.js';
import { SummaryModule } from '../summary/summary.module.js';
import { DashboardAssets } from './dashboard-assets.service.js';
import { DashboardController } from './dashboard.controller.js';
import { LiveStreamController } from './live-stream.controller.js';
import { LiveStreamService } from './live-stream.service.js';
import { LiveTickBuilder } from './live-tick.builder.js';

/** The live stream (SSE ticks) and the /dashboard page that draws it. */
@Module({
  controllers: [DashboardController, LiveStreamController],
  imports: [AlertsModule, SignalsModule, SummaryModule],
  providers: [DashboardAssets, LiveStreamService, LiveTickBuilder],
})
export class LiveModule {}
