export { GpuDeviceMemorySource } from './device-memory.source.js';
export { EstimatesModule } from './estimates.module.js';
export { estimateMemory, type DeviceMemory, type MemoryEstimate } from './memory-estimate.js';
export { kvCacheBytes, transformerParameters, type TransformerShape } from './memory-estimator.js';
