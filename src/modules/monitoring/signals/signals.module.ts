import { Module } from '@nestjs/common';

import { HdrRequestStats } from '../requests/hdr-request-stats.js';
import { HttpMetrics } from '../requests/http-metrics.js';
import { RuntimeSampler } from '../runtime/runtime-sampler.service.js';
import { RequestStats } from './request-stats.js';
import { MonitoringSignalReader } from './signal-reader.service.js';
import { SignalReader } from './signal.types.js';

/** What monitoring observes: request windows (fed by the HTTP metrics), runtime samples, and one reader over all. */
@Module({
  exports: [HttpMetrics, RequestStats, RuntimeSampler, SignalReader],
  providers: [
    { provide: HdrRequestStats, useFactory: (): HdrRequestStats => new HdrRequestStats() },
    { provide: RequestStats, useExisting: HdrRequestStats },
    HttpMetrics,
    RuntimeSampler,
    { provide: SignalReader, useClass: MonitoringSignalReader },
  ],
})
export class SignalsModule {}
