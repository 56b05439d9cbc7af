import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The one prom-client registry. Every module registers `bulwark_<module>_<what>_<unit>` metrics in it; monitoring
 * serves it at `/metrics` and reads it for summaries and alerts. Ambient infrastructure, so it lives in libs.
 */
export class MetricsRegistry extends Registry {}

/** A registry with Node's process metrics, named by the same rule: bulwark_process_*, bulwark_nodejs_*. */
export function createMetricsRegistry(): MetricsRegistry {
  const registry = new MetricsRegistry();
  collectDefaultMetrics({ register: registry, prefix: 'bulwark_', eventLoopMonitoringPrecision: 10 });
  return registry;
}
