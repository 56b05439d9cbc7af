import { Global, Module } from '@nestjs/common';
import { collectDefaultMetrics } from 'prom-client';

import { MetricsController } from './metrics.controller.js';
import { MetricsRegistry } from './metrics-registry.js';

function createRegistry(): MetricsRegistry {
  const registry = new MetricsRegistry();
  // Node's process metrics follow the naming rule too: bulwark_process_*, bulwark_nodejs_*.
  collectDefaultMetrics({ register: registry, prefix: 'bulwark_' });
  return registry;
}

/** Owns the metrics registry and `GET /metrics` (Prometheus text). Global: every module registers metrics here. */
@Global()
@Module({
  controllers: [MetricsController],
  exports: [MetricsRegistry],
  providers: [{ provide: MetricsRegistry, useFactory: createRegistry }],
})
export class MonitoringModule {}
