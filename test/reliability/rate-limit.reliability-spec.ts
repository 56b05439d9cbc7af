import { load } from './support/load.js';
import { createKey, report } from './support/api.js';
import { ReliabilityCluster } from './support/reliability-cluster.js';

const LIMIT = 600;

describe('reliability: one rate limit across three instances', () => {
  let cluster: ReliabilityCluster;

  beforeAll(async () => {
    cluster = await ReliabilityCluster.start('rl', { env: { RATE_LIMIT_FREE: String(LIMIT), RATE_LIMIT_WINDOW_MS: '600000' } });
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it('admits the limit within 1% however the requests spread over the instances', async () => {
    const key = await createKey(cluster, { name: 'free client', scopes: [], tier: 'free' });
    const before = new Map(cluster.proxy.stats.answeredBy);

    const result = await load({ connections: 24, headers: { authorization: `Bearer ${key}` }, seconds: 4, url: `${cluster.origin}/v1/system/info` });

    const admitted = result.statuses['200'] ?? 0;
    const perInstance = cluster.instances.map((instance) => (cluster.proxy.stats.answeredBy.get(instance.port) ?? 0) - (before.get(instance.port) ?? 0));
    report('global rate limit', { limit: LIMIT, admitted, refused429: result.statuses['429'] ?? 0, requests: result.requests, perInstance, errors: result.errors });
    expect(result.requests).toBeGreaterThan(2 * LIMIT);
    expect(perInstance.every((count) => count > result.requests / 6)).toBe(true);
    expect(Math.abs(admitted - LIMIT)).toBeLessThanOrEqual(LIMIT * 0.01);
    expect(Object.keys(result.statuses).sort()).toEqual(['200', '429']);
    expect(result.errors).toBe(0);
  }, 60_000);
});
