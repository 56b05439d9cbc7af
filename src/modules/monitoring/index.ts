export { MetricsRegistry } from './metrics-registry.js';
export { MonitoringModule } from './monitoring.module.js';
