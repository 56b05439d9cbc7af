export { GpuModule } from './gpu.module.js';
