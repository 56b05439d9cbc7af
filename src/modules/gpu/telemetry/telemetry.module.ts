import { Module } from '@nestjs/common';

import { GpuCapabilitiesController } from './api/gpu-capabilities.controller.js';
import { GpuCapabilitiesService } from './api/gpu-capabilities.service.js';
import { TelemetryCollector } from './collector/telemetry-collector.service.js';
import { TelemetryMetrics } from './collector/telemetry.metrics.js';
import { DcgmSource } from './dcgm/dcgm.source.js';
import { HttpMetricsFetcher, MetricsFetcher } from './dcgm/metrics-fetcher.js';
import { HostInfo } from './host-info.js';
import { KernelLogXidReader } from './kernel-log/kernel-log.reader.js';
import { CommandRunner, ExecFileCommandRunner } from './nvidia-smi/command-runner.js';
import { NvidiaSmiSource } from './nvidia-smi/nvidia-smi.source.js';

/**
 * GPU telemetry sources (nvidia-smi, dcgm-exporter), the collector that polls the configured one into the
 * GpuCollectionSink, and GET /v1/gpu/capabilities.
 */
@Module({
  controllers: [GpuCapabilitiesController],
  exports: [TelemetryCollector],
  providers: [
    DcgmSource,
    GpuCapabilitiesService,
    HostInfo,
    KernelLogXidReader,
    NvidiaSmiSource,
    TelemetryCollector,
    TelemetryMetrics,
    { provide: CommandRunner, useClass: ExecFileCommandRunner },
    { provide: MetricsFetcher, useClass: HttpMetricsFetcher },
  ],
})
export class TelemetryModule {}
