import { Injectable } from '@nestjs/common';

import { GpuSummaryReader } from '../gpu/gpu-summary.reader.js';
import { RegressionTracker } from '../baselines/regressions/regression-tracker.service.js';
import { RuntimeSampler } from '../runtime/runtime-sampler.service.js';
import { aggregate } from '../signals/aggregate.util.js';
import { RequestStats, type WindowName } from '../signals/request-stats.js';
import { SignalReader } from '../signals/signal.types.js';
import type { MonitoringSummary, RuntimeSummary } from './monitoring-summary.js';

/** One picture of the service over a window: requests per route, the process, and what other modules count. */
@Injectable()
export class MonitoringSummaryService {
  constructor(
    private readonly gpus: GpuSummaryReader,
    private readonly regressions: RegressionTracker,
    private readonly requests: RequestStats,
    private readonly runtime: RuntimeSampler,
    private readonly signals: SignalReader,
  ) {}

  async summary(window: WindowName, routeLimit: number): Promise<MonitoringSummary> {
    const routes = this.requests.routes(window);
    const [hitRatio, detections, gpu] = await Promise.all([
      this.signals.read({ signal: 'cache.hit_ratio', aggregation: 'value', window }),
      this.signals.read({ signal: 'threat.detections', aggregation: 'value', window }),
      this.gpus.read(),
    ]);
    return {
      window,
      generatedAt: new Date().toISOString(),
      requests: this.requests.overall(window),
      routes: routes.slice(0, routeLimit),
      routesOmitted: Math.max(0, routes.length - routeLimit),
      runtime: this.runtimeSummary(window),
      database: { pool: this.runtime.latest()?.dbPool ?? null },
      cache: { hitRatio },
      threat: { detections },
      regressions: this.regressions.evaluate().filter((regression) => regression.sustained),
      gpu,
    };
  }

  private runtimeSummary(window: WindowName): RuntimeSummary {
    const samples = this.runtime.window(window);
    const latest = samples.at(-1);
    const mean = (values: number[]): number | null => aggregate(values, 'mean');
    return {
      cpuUtilisation: mean(samples.map((sample) => sample.cpuUtilisation)),
      eventLoopUtilisation: mean(samples.map((sample) => sample.eventLoopUtilisation)),
      eventLoopLagMs: {
        p50: mean(samples.map((sample) => sample.eventLoopLagP50Ms)),
        p99: mean(samples.map((sample) => sample.eventLoopLagP99Ms)),
        max: aggregate(samples.map((sample) => sample.eventLoopLagMaxMs), 'max'),
      },
      rssBytes: latest?.rssBytes ?? null,
      heapUsedBytes: latest?.heapUsedBytes ?? null,
      heapTotalBytes: latest?.heapTotalBytes ?? null,
      uptimeSeconds: Math.round(process.uptime()),
    };
  }
}
