import { Module } from '@nestjs/common';

import { AlertsModule } from './alerts/alerts.module.js';
import { MetricsController } from './metrics.controller.js';

/** `/metrics` (Prometheus text) over the registry every module writes to (`MetricsRegistry` in `@app/common`). */
@Module({
  controllers: [MetricsController],
  imports: [AlertsModule],
})
export class MonitoringModule {}
