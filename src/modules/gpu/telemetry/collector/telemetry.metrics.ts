import { MetricsRegistry } from '@app/common';
import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';

export type CollectionResult = 'ok' | 'error';

/** `bulwark_gpu_collections_*`: how often and how fast the active telemetry source answers. */
@Injectable()
export class TelemetryMetrics {
  private readonly collections: Counter<'source' | 'result'>;
  private readonly duration: Histogram<'source'>;

  constructor(registry: MetricsRegistry) {
    this.collections = new Counter({
      name: 'bulwark_gpu_collections_total',
      help: 'GPU telemetry collections by source (nvidia-smi, dcgm) and result (ok, error).',
      labelNames: ['source', 'result'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'bulwark_gpu_collection_duration_seconds',
      help: 'Time one GPU telemetry collection took, by source.',
      labelNames: ['source'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  collected(source: string, result: CollectionResult, seconds: number): void {
    this.collections.inc({ source, result });
    this.duration.observe({ source }, seconds);
  }
}
