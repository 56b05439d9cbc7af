import { MetricsRegistry } from '@app/common';
import { Counter, Gauge, Histogram } from 'prom-client';

import type { GpuSampleWriterMetrics, GpuShedReason } from './gpu-sample-writer.js';

/** The sample writer's metrics in the app registry: written, shed (by reason), failed writes, flush time, buffered. */
export class PrometheusGpuWriterMetrics implements GpuSampleWriterMetrics {
  private readonly writtenTotal: Counter;
  private readonly shedTotal: Counter<'reason'>;
  private readonly failuresTotal: Counter;
  private readonly flushSeconds: Histogram;
  private buffered: () => number = () => 0;

  constructor(registry: MetricsRegistry) {
    this.writtenTotal = new Counter({
      name: 'bulwark_gpu_samples_written_total',
      help: 'GPU samples written to gpu_samples (duplicates included: they were acknowledged and are stored once).',
      registers: [registry],
    });
    this.shedTotal = new Counter({
      name: 'bulwark_gpu_samples_shed_total',
      help: 'GPU samples dropped without being written: buffer overflow during an outage, or unwritable at shutdown.',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.failuresTotal = new Counter({
      name: 'bulwark_gpu_sample_write_failures_total',
      help: 'Failed batch writes of the GPU sample writer (each is retried with backoff).',
      registers: [registry],
    });
    this.flushSeconds = new Histogram({
      name: 'bulwark_gpu_sample_flush_duration_seconds',
      help: 'Time to write one batch of GPU samples.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    const buffered = (): number => this.buffered();
    new Gauge({
      name: 'bulwark_gpu_buffered_samples',
      help: 'GPU samples waiting in memory to be written.',
      registers: [registry],
      collect() {
        this.set(buffered());
      },
    });
  }

  /** Where the buffered gauge reads from (the writer, created after its metrics). */
  observeBuffered(source: () => number): void {
    this.buffered = source;
  }

  written(count: number): void {
    this.writtenTotal.inc(count);
  }

  shed(count: number, reason: GpuShedReason): void {
    this.shedTotal.inc({ reason }, count);
  }

  writeFailed(): void {
    this.failuresTotal.inc();
  }

  flushed(seconds: number): void {
    this.flushSeconds.observe(seconds);
  }
}
