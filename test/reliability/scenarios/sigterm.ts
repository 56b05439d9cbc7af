import { report } from '../support/api.js';
import { loadWhile } from '../support/load.js';
import type { ReliabilityCluster } from '../support/reliability-cluster.js';

/** SIGTERM to one instance under load: it leaves the rotation, finishes what it accepted, exits; nothing fails. */
export async function sigtermOneInstance(cluster: ReliabilityCluster): Promise<void> {
  const leaving = cluster.instances[1]!;
  const { load: result, value: exit } = await loadWhile(
    { connections: 16, headers: cluster.auth, seconds: 8, url: `${cluster.origin}/v1/system/info` },
    2_000,
    () => leaving.stop(),
  );

  report('SIGTERM under load', { requests: result.requests, statuses: result.statuses, errors: result.errors, timeouts: result.timeouts, proxyRetries: cluster.proxy.stats.retried, proxyFailed: cluster.proxy.stats.failed, exit });
  expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
  expect(leaving.log).toContain('shutting down on SIGTERM');
  expect(result.requests).toBeGreaterThan(100);
  expect(result.statuses).toEqual({ 200: result.requests });
  expect(result.errors).toBe(0);
  expect(cluster.proxy.stats.failed).toBe(0);
}
