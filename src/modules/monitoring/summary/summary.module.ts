import { Module } from '@nestjs/common';

import { GpuSummaryReader } from '../gpu/gpu-summary.reader.js';
import { SignalsModule } from '../signals/signals.module.js';
import { MonitoringSummaryController } from './monitoring-summary.controller.js';
import { MonitoringSummaryService } from './monitoring-summary.service.js';

@Module({
  controllers: [MonitoringSummaryController],
  exports: [MonitoringSummaryService],
  imports: [SignalsModule],
  providers: [GpuSummaryReader, MonitoringSummaryService],
})
export class SummaryModule {}
