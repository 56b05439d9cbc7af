import { waitFor } from '../../support/wait-for.js';
import { report } from '../support/api.js';
import { AppInstance } from '../support/app-instance.js';
import { loadWhile } from '../support/load.js';
import type { ReliabilityCluster } from '../support/reliability-cluster.js';

interface Health {
  status: string;
}

async function readiness(origin: string): Promise<Health & { code: number }> {
  const response = await fetch(`${origin}/health/ready`);
  return { ...((await response.json()) as Health), code: response.status };
}

async function redisState(origin: string, auth: Record<string, string>): Promise<string> {
  const response = await fetch(`${origin}/v1/system/info`, { headers: auth });
  return ((await response.json()) as { redis: { state: string } }).redis.state;
}

/**
 * Redis SIGKILLed under load, then restarted: every request that does not need Redis is served, the limiter fails open
 * (the cluster) or closed (a fourth instance configured so, outside the proxy), and every instance recovers.
 */
export async function redisOutage(cluster: ReliabilityCluster): Promise<void> {
  const closed = await AppInstance.start('redis-closed', { ...cluster.env, RATE_LIMIT_ON_STORE_FAILURE: 'closed' });
  try {
    let duringOutage: { open: Health & { code: number }; closedStatus: number; closedRetryAfter: string | null } | undefined;
    const { load: result } = await loadWhile({ connections: 12, headers: cluster.auth, seconds: 10, url: `${cluster.origin}/v1/system/info` }, 2_000, async () => {
      await cluster.redis.kill();
      // Give every instance time to see the connection gone and the limiter to fall back.
      await waitFor(async () => (await redisState(cluster.instances[0]!.origin, cluster.auth)) !== 'ready', 'the instances to see Redis down', 10_000);
      const refused = await fetch(`${closed.origin}/v1/system/info`, { headers: cluster.auth });
      const { code, status } = await readiness(cluster.instances[1]!.origin);
      duringOutage = { closedRetryAfter: refused.headers.get('retry-after'), closedStatus: refused.status, open: { code, status } };
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await cluster.redis.restart();
    });

    // Recovery: every instance reconnects (limiter back on Redis, cache L2 back) and reports ready without degradation.
    for (const instance of [...cluster.instances, closed]) {
      await waitFor(async () => (await redisState(instance.origin, cluster.auth)) === 'ready' && (await readiness(instance.origin)).status === 'ok', `${instance.name} to recover`, 30_000);
    }
    const afterwards = await fetch(`${closed.origin}/v1/system/info`, { headers: cluster.auth });

    report('Redis outage', { requests: result.requests, statuses: result.statuses, errors: result.errors, timeouts: result.timeouts, duringOutage, closedAfterwards: afterwards.status });
    expect(result.statuses).toEqual({ 200: result.requests });
    expect(result.errors + result.timeouts).toBe(0);
    expect(duringOutage).toMatchObject({ closedRetryAfter: expect.stringMatching(/^\d+$/) as unknown, closedStatus: 503, open: { code: 200, status: 'degraded' } });
    expect(afterwards.status).toBe(200);
  } finally {
    await closed.stop();
  }
}
