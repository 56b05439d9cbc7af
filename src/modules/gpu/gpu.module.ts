import { Module } from '@nestjs/common';

import { EstimatesModule } from './estimates/index.js';
import { ModelsModule } from './models/index.js';
import { RecommendationsModule } from './recommendations/recommendations.module.js';
import { GpuStoreModule } from './store/index.js';
import { TelemetryModule } from './telemetry/telemetry.module.js';
import { VariantsModule } from './variants/index.js';

/**
 * GPUs and models: fleet telemetry (nvidia-smi, dcgm-exporter, push ingest) into batched inserts and 1-minute
 * rollups, recommendations with their evidence, ONNX model inspection, memory estimates and optimisation passes.
 */
@Module({
  imports: [EstimatesModule.withDeviceMemory(GpuStoreModule), GpuStoreModule, ModelsModule, RecommendationsModule, TelemetryModule, VariantsModule],
})
export class GpuModule {}
