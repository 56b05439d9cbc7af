import { Module } from '@nestjs/common';

import { ModelsController } from './api/models.controller.js';
import { ModelArtifactRepository } from './artifacts/model-artifact.repository.js';
import { ModelMetrics } from './model.metrics.js';
import { OnnxRuntimeLoader } from './runtime/onnx-runtime-loader.js';
import { ModelArtifactWriter } from './storage/model-artifact-writer.js';
import { ModelFileStore } from './storage/model-file-store.js';
import { ModelUploadService } from './upload/model-upload.service.js';

/** ONNX model artifacts: size-capped upload, inspection report, checks by onnxruntime, storage by SHA-256. */
@Module({
  controllers: [ModelsController],
  exports: [ModelArtifactRepository, ModelArtifactWriter, ModelFileStore, OnnxRuntimeLoader],
  providers: [ModelArtifactRepository, ModelArtifactWriter, ModelFileStore, ModelMetrics, ModelUploadService, OnnxRuntimeLoader],
})
export class ModelsModule {}
