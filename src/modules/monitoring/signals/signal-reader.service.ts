import { MetricsRegistry } from '@app/common';
import { Injectable, Optional } from '@nestjs/common';

import type { RuntimeSample } from '../runtime/runtime-sample.js';
import { RuntimeSampler } from '../runtime/runtime-sampler.service.js';
import { sumOfMetric } from '../runtime/registry-reader.js';
import { aggregate } from './aggregate.util.js';
import { RequestStats, type RequestWindowStats } from './request-stats.js';
import { RegressionSource, SignalReader, type SignalQuery } from './signal.types.js';

const RUNTIME_SERIES: Record<string, (sample: RuntimeSample) => number> = {
  'runtime.cpu_utilisation': (sample) => sample.cpuUtilisation,
  'runtime.event_loop_utilisation': (sample) => sample.eventLoopUtilisation,
  // Per second, the p99 of the event-loop delay; the rule's aggregation then runs over those seconds.
  'runtime.event_loop_lag_ms': (sample) => sample.eventLoopLagP99Ms,
  'runtime.heap_used_bytes': (sample) => sample.heapUsedBytes,
  'runtime.rss_bytes': (sample) => sample.rssBytes,
};

/** Reads signals from the request windows, the runtime samples, the baselines and the metrics registry. */
@Injectable()
export class MonitoringSignalReader extends SignalReader {
  constructor(
    private readonly requests: RequestStats,
    private readonly runtime: RuntimeSampler,
    private readonly registry: MetricsRegistry,
    @Optional() private readonly regressions?: RegressionSource,
  ) {
    super();
  }

  async read(query: SignalQuery): Promise<number | null> {
    const runtimeSeries = RUNTIME_SERIES[query.signal];
    if (runtimeSeries !== undefined) {
      return aggregate(this.runtime.window(query.window).map(runtimeSeries), query.aggregation);
    }
    switch (query.signal) {
      case 'http.rps':
      case 'http.error_rate':
      case 'http.latency_ms':
        return this.http(query);
      case 'db.pool_waiting':
        return this.runtime.latest()?.dbPool?.waiting ?? null;
      case 'cache.hit_ratio':
        return this.delta(query, (sample) => sample.cacheHits, (sample) => sample.cacheLookups);
      case 'threat.detections':
        return this.delta(query, (sample) => sample.threatDetections);
      case 'regressions':
        return this.regressions?.regressedRouteCount() ?? null;
      case 'metric':
        return query.metric === undefined ? null : sumOfMetric(this.registry, query.metric, query.labels);
      default:
        return null;
    }
  }

  private http(query: SignalQuery): number | null {
    const stats = this.requestStats(query);
    if (query.signal === 'http.rps') {
      return stats.reduce((sum, one) => sum + one.rps, 0);
    }
    const requests = stats.reduce((sum, one) => sum + one.requests, 0);
    if (requests === 0) {
      return null;
    }
    if (query.signal === 'http.error_rate') {
      return stats.reduce((sum, one) => sum + one.errors, 0) / requests;
    }
    const field = ({ p50: 'p50Ms', p95: 'p95Ms', p99: 'p99Ms', mean: 'meanMs', max: 'maxMs', value: 'p95Ms' } as const)[query.aggregation];
    // A route without a method is its worst method.
    return Math.max(...stats.filter((one) => one.requests > 0).map((one) => one[field]));
  }

  private requestStats(query: SignalQuery): RequestWindowStats[] {
    if (query.route === undefined) {
      return [this.requests.overall(query.window)];
    }
    if (query.method !== undefined) {
      const one = this.requests.route(query.method.toUpperCase(), query.route, query.window);
      return one === undefined ? [] : [one];
    }
    return this.requests.routes(query.window).filter((one) => one.route === query.route);
  }

  /** Growth of a running total over the window, or of `part` over `whole` as a ratio (null when `whole` did not grow). */
  private delta(query: SignalQuery, part: (sample: RuntimeSample) => number, whole?: (sample: RuntimeSample) => number): number | null {
    const samples = this.runtime.window(query.window);
    if (samples.length < 2) {
      return null;
    }
    const first = samples[0]!;
    const last = samples.at(-1)!;
    const grown = part(last) - part(first);
    if (whole === undefined) {
      return grown;
    }
    const of = whole(last) - whole(first);
    return of <= 0 ? null : grown / of;
  }
}
