import { Module } from '@nestjs/common';

import { TelemetryModule } from './telemetry/telemetry.module.js';

/**
 * GPUs and models: fleet telemetry (nvidia-smi, dcgm-exporter, push ingest) into batched inserts and 1-minute
 * rollups, recommendations with their evidence, ONNX model inspection, memory estimates and optimisation passes.
 */
@Module({
  imports: [TelemetryModule],
})
export class GpuModule {}
