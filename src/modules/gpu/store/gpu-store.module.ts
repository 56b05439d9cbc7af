import { MetricsRegistry } from '@app/common';
import { AppConfig } from '@app/config';
import { Module } from '@nestjs/common';

import { GpuSeriesSource } from '../recommendations/gpu-series.types.js';
import { GpuDevicesController } from './api/gpu-devices.controller.js';
import { GpuEventsController } from './api/gpu-events.controller.js';
import { GpuSamplesController } from './api/gpu-samples.controller.js';
import { GpuActivityRepository } from './gpu-activity.repository.js';
import { GpuDeviceDirectory } from './gpu-device-directory.service.js';
import { GpuDeviceRepository } from './gpu-device.repository.js';
import { GpuIngestService } from './gpu-ingest.service.js';
import { GpuLatestReadings } from './gpu-latest-readings.js';
import { GpuQueryService } from './gpu-query.service.js';
import { GpuReadRepository } from './gpu-read.repository.js';
import { GpuRollupClock, GpuRollupService, SystemRollupClock } from './gpu-rollup.service.js';
import { GpuRollupRepository } from './gpu-rollup.repository.js';
import { GpuSamplePersister } from './gpu-sample-persister.service.js';
import { GpuSampleRepository } from './gpu-sample.repository.js';
import { GpuSampleWriter } from './gpu-sample-writer.js';
import { GpuSeriesRepository } from './gpu-series.repository.js';
import { PrometheusGpuWriterMetrics } from './gpu-store.metrics.js';
import { GpuTelemetryStore } from './gpu-telemetry.store.js';

function createWriter(persister: GpuSamplePersister, config: AppConfig, metrics: PrometheusGpuWriterMetrics): GpuSampleWriter {
  const writer = new GpuSampleWriter(persister, config.gpu.flush, metrics);
  metrics.observeBuffered(() => writer.buffered);
  return writer;
}

/**
 * GPU telemetry storage: batched sample writes, push ingest, 1-minute rollups and retention, the device, metrics,
 * process and event API, latest-sample gauges, and the series the recommendation rules read.
 */
@Module({
  controllers: [GpuDevicesController, GpuEventsController, GpuSamplesController],
  exports: [GpuSeriesSource, GpuTelemetryStore],
  providers: [
    GpuActivityRepository,
    GpuDeviceDirectory,
    GpuDeviceRepository,
    GpuIngestService,
    GpuQueryService,
    GpuReadRepository,
    GpuRollupRepository,
    GpuRollupService,
    GpuSamplePersister,
    GpuSampleRepository,
    GpuTelemetryStore,
    { inject: [MetricsRegistry], provide: GpuLatestReadings, useFactory: (registry: MetricsRegistry) => new GpuLatestReadings(registry) },
    { provide: GpuRollupClock, useClass: SystemRollupClock },
    { inject: [GpuSamplePersister, AppConfig, PrometheusGpuWriterMetrics], provide: GpuSampleWriter, useFactory: createWriter },
    { provide: GpuSeriesSource, useClass: GpuSeriesRepository },
    { inject: [MetricsRegistry], provide: PrometheusGpuWriterMetrics, useFactory: (registry: MetricsRegistry) => new PrometheusGpuWriterMetrics(registry) },
  ],
})
export class GpuStoreModule {}
