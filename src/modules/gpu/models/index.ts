export { toModelView, type ModelView } from './api/model-view.js';
export { ModelArtifactEntity } from './artifacts/model-artifact.entity.js';
export { ModelArtifactRepository } from './artifacts/model-artifact.repository.js';
export { inspectModel } from './inspect/inspect-model.js';
export type { ModelReport, TensorSignature } from './inspect/model-report.types.js';
export { assertModelUsable } from './inspect/validate-model.js';
export { ModelsModule } from './models.module.js';
export { OnnxRuntimeLoader } from './runtime/onnx-runtime-loader.js';
export { ModelFileStore } from './storage/model-file-store.js';
