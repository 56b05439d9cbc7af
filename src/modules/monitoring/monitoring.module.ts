import { Module } from '@nestjs/common';

import { MetricsController } from './metrics.controller.js';

/** `/metrics` (Prometheus text) over the registry every module writes to (`MetricsRegistry` in `@app/common`). */
@Module({
  controllers: [MetricsController],
})
export class MonitoringModule {}
