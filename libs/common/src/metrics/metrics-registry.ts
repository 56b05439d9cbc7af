import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The one prom-client registry. Every module registers `bulwark_<module>_<what>_<unit>` metrics in it; monitoring
 * serves it at `/metrics` and reads it for summaries and alerts. Ambient infrastructure, so it lives in libs.
 */
export class MetricsRegistry extends Registry {}

/**
 * Gauges prom-client names `_total`, which Prometheus reserves for counters (`promtool check metrics` flags them).
 * Each is the sum of its per-type gauge without the suffix (`sum(bulwark_nodejs_active_handles)`), so nothing is lost.
 */
const GAUGES_NAMED_LIKE_COUNTERS = ['bulwark_nodejs_active_handles_total', 'bulwark_nodejs_active_requests_total', 'bulwark_nodejs_active_resources_total'];

/** A registry with Node's process metrics, named by the same rule: bulwark_process_*, bulwark_nodejs_*. */
export function createMetricsRegistry(): MetricsRegistry {
  const registry = new MetricsRegistry();
  collectDefaultMetrics({ register: registry, prefix: 'bulwark_', eventLoopMonitoringPrecision: 10 });
  for (const name of GAUGES_NAMED_LIKE_COUNTERS) {
    registry.removeSingleMetric(name);
  }
  return registry;
}
