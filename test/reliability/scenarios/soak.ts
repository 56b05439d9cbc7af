import { report } from '../support/api.js';
import { load } from '../support/load.js';
import type { ReliabilityCluster } from '../support/reliability-cluster.js';

export const SOAK_SECONDS = 300;
/** RSS is read this far into the soak (warm: JIT, caches, pools filled) and again at its end. */
const WARM_SECONDS = 60;

/** Five minutes at about 70% of the capacity measured first: no errors, and no instance's RSS grows 10% once warm. */
export async function soak(cluster: ReliabilityCluster): Promise<void> {
  const url = `${cluster.origin}/v1/system/info`;
  const capacity = await load({ connections: 16, headers: cluster.auth, seconds: 5, url });
  const rate = Math.max(1, Math.floor(capacity.rps * 0.7));

  const soak = load({ connections: 16, headers: cluster.auth, rate, seconds: SOAK_SECONDS, url });
  await new Promise((resolve) => setTimeout(resolve, WARM_SECONDS * 1_000));
  const warm = await Promise.all(cluster.instances.map((instance) => instance.rssBytes()));
  const result = await soak;
  const end = await Promise.all(cluster.instances.map((instance) => instance.rssBytes()));
  const growth = end.map((bytes, index) => bytes / warm[index]! - 1);

  report('soak', {
    capacityRps: Math.round(capacity.rps),
    targetRps: rate,
    achievedRps: Math.round(result.rps),
    requests: result.requests,
    statuses: result.statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    p99Ms: result.p99Ms,
    rssWarmMB: warm.map((bytes) => Math.round(bytes / 1e6)),
    rssEndMB: end.map((bytes) => Math.round(bytes / 1e6)),
    rssGrowth: growth.map((ratio) => `${(ratio * 100).toFixed(1)}%`),
  });
  expect(result.statuses).toEqual({ 200: result.requests });
  expect(result.errors + result.timeouts).toBe(0);
  expect(result.rps).toBeGreaterThan(rate * 0.5);
  expect(growth.every((ratio) => ratio < 0.1)).toBe(true);
}
