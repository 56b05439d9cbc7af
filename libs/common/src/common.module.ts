import { Global, Module } from '@nestjs/common';

import { ErrorMapperRegistry } from './errors/error-mapper.registry.js';
import { createMetricsRegistry, MetricsRegistry } from './metrics/metrics-registry.js';

/** Ambient pieces of the HTTP pipeline that modules plug into, and the metrics registry they all write to. */
@Global()
@Module({
  exports: [ErrorMapperRegistry, MetricsRegistry],
  providers: [ErrorMapperRegistry, { provide: MetricsRegistry, useFactory: createMetricsRegistry }],
})
export class CommonModule {}
