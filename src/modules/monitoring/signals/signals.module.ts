import { Module } from '@nestjs/common';

import { RegressionClock } from '../baselines/regressions/regression-clock.js';
import { RegressionTracker } from '../baselines/regressions/regression-tracker.service.js';
import { HdrRequestStats } from '../requests/hdr-request-stats.js';
import { HttpMetrics } from '../requests/http-metrics.js';
import { RuntimeSampler } from '../runtime/runtime-sampler.service.js';
import { RequestTracing } from '../tracing/request-tracing.service.js';
import { RequestStats } from './request-stats.js';
import { MonitoringSignalReader } from './signal-reader.service.js';
import { RegressionSource, SignalReader } from './signal.types.js';

/**
 * What monitoring observes: request windows (fed by the HTTP metrics), request spans (opt-in), runtime samples, regressions against the
 * active baseline, and one reader over all. The regression tracker lives here, not in BaselinesModule, so the reader
 * can inject it without an import cycle (BaselinesModule imports this module and feeds the tracker its baseline).
 */
@Module({
  exports: [HttpMetrics, RegressionClock, RegressionTracker, RequestStats, RequestTracing, RuntimeSampler, SignalReader],
  providers: [
    { provide: HdrRequestStats, useFactory: (): HdrRequestStats => new HdrRequestStats() },
    { provide: RequestStats, useExisting: HdrRequestStats },
    RequestTracing,
    HttpMetrics,
    RegressionClock,
    RegressionTracker,
    { provide: RegressionSource, useExisting: RegressionTracker },
    RuntimeSampler,
    { provide: SignalReader, useClass: MonitoringSignalReader },
  ],
})
export class SignalsModule {}
