import { Module } from '@nestjs/common';

import { SignalsModule } from '../signals/signals.module.js';
import { MonitoringSummaryController } from './monitoring-summary.controller.js';
import { MonitoringSummaryService } from './monitoring-summary.service.js';

@Module({
  controllers: [MonitoringSummaryController],
  exports: [MonitoringSummaryService],
  imports: [SignalsModule],
  providers: [MonitoringSummaryService],
})
export class SummaryModule {}
