export { HttpMetrics } from './requests/http-metrics.js';
export { mountHttpMetrics } from './requests/http-metrics.mount.js';
export { MonitoringModule } from './monitoring.module.js';
