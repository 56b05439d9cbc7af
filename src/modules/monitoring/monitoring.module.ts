import { Module } from '@nestjs/common';

import { MetricsController } from './metrics.controller.js';
import { ProfileModule } from './profile/index.js';

/** `/metrics` (Prometheus text) over the registry every module writes to (`MetricsRegistry` in `@app/common`). */
@Module({
  controllers: [MetricsController],
  imports: [ProfileModule],
})
export class MonitoringModule {}
