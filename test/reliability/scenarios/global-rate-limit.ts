import { createKey, report } from '../support/api.js';
import { load } from '../support/load.js';
import type { ReliabilityCluster } from '../support/reliability-cluster.js';

/** The free tier's limit in the cluster the suite starts (RATE_LIMIT_FREE), over a window longer than the scenario. */
export const FREE_LIMIT = 600;

/** One rate limit across every instance: admitted within 1% however the requests spread over them. */
export async function globalRateLimit(cluster: ReliabilityCluster): Promise<void> {
  const key = await createKey(cluster, { name: 'free client', scopes: [], tier: 'free' });
  const before = new Map(cluster.proxy.stats.answeredBy);

  const result = await load({ connections: 24, headers: { authorization: `Bearer ${key}` }, seconds: 4, url: `${cluster.origin}/v1/system/info` });

  const admitted = result.statuses['200'] ?? 0;
  const perInstance = cluster.instances.map((instance) => (cluster.proxy.stats.answeredBy.get(instance.port) ?? 0) - (before.get(instance.port) ?? 0));
  report('global rate limit', { limit: FREE_LIMIT, admitted, refused429: result.statuses['429'] ?? 0, requests: result.requests, perInstance, errors: result.errors });
  expect(result.requests).toBeGreaterThan(2 * FREE_LIMIT);
  expect(perInstance.every((count) => count > result.requests / 6)).toBe(true);
  expect(Math.abs(admitted - FREE_LIMIT)).toBeLessThanOrEqual(FREE_LIMIT * 0.01);
  expect(Object.keys(result.statuses).sort()).toEqual(['200', '429']);
  expect(result.errors).toBe(0);
}
