import { Module } from '@nestjs/common';

/**
 * GPUs and models: fleet telemetry (nvidia-smi, dcgm-exporter, push ingest) into batched inserts and 1-minute
 * rollups, recommendations with their evidence, ONNX model inspection, memory estimates and optimisation passes.
 */
@Module({
  imports: [],
})
export class GpuModule {}
