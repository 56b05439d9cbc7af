export { GPU_INGEST_BODY_LIMIT_BYTES, GPU_SAMPLES_ROUTE } from './gpu-store.constants.js';
export { GpuStoreModule } from './gpu-store.module.js';
export { GpuTelemetryStore } from './gpu-telemetry.store.js';
