import { Module } from '@nestjs/common';

import { EstimatesModule } from './estimates/index.js';
import { ModelsModule } from './models/index.js';
import { RecommendationsModule } from './recommendations/recommendations.module.js';
import { GpuStoreModule } from './store/index.js';
import { TelemetryModule } from './telemetry/telemetry.module.js';
import { TuningModule } from './tuning/tuning.module.js';
import { VariantsModule } from './variants/index.js';

/**
 * GPUs and models: fleet telemetry (nvidia-smi, dcgm-exporter, push ingest) into batched inserts and 1-minute
 * rollups, recommendations with their evidence, ONNX model inspection, memory estimates, optimisation passes and variants, and measured tuning (benchmarks, auto-optimise).
 */
@Module({
  imports: [EstimatesModule.withDeviceMemory(GpuStoreModule), GpuStoreModule, ModelsModule, RecommendationsModule, TelemetryModule, TuningModule, VariantsModule],
})
export class GpuModule {}
