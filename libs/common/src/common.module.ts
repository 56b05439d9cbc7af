import { Global, Module } from '@nestjs/common';

import { ErrorMapperRegistry } from './errors/error-mapper.registry.js';
import { RouteIndexer } from './http/route-indexer.service.js';
import { MemoizedReflector } from './metadata/memoized-reflector.js';
import { createMetricsRegistry, MetricsRegistry } from './metrics/metrics-registry.js';

/**
 * Ambient pieces of the HTTP pipeline that modules plug into (and the route index over them), the metrics registry they
 * all write to, and the route metadata reader their guards share.
 */
@Global()
@Module({
  exports: [ErrorMapperRegistry, MemoizedReflector, MetricsRegistry],
  providers: [ErrorMapperRegistry, MemoizedReflector, RouteIndexer, { provide: MetricsRegistry, useFactory: createMetricsRegistry }],
})
export class CommonModule {}
