export { HttpMetrics } from './requests/http-metrics.js';
export { mountHttpMetrics } from './requests/http-metrics.mount.js';
export { MonitoringModule } from './monitoring.module.js';
export { RequestTracing } from './tracing/request-tracing.service.js';
