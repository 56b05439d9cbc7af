import { Module } from '@nestjs/common';

import { MetricsController } from './metrics.controller.js';
import { NotifyModule } from './notify/notify.module.js';

/** `/metrics` (Prometheus text) over the registry every module writes to (`MetricsRegistry` in `@app/common`). */
@Module({
  controllers: [MetricsController],
  imports: [NotifyModule],
})
export class MonitoringModule {}
