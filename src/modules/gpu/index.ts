export { GpuModule } from './gpu.module.js';
export { GPU_INGEST_BODY_LIMIT_BYTES, GPU_SAMPLES_ROUTE, GpuTelemetryStore } from './store/index.js';
