import { randomUUID } from 'node:crypto';
import pg from 'pg';

import { waitFor } from '../../support/wait-for.js';
import { createKey, report } from '../support/api.js';
import { loadWhile } from '../support/load.js';
import type { ReliabilityCluster } from '../support/reliability-cluster.js';

interface Sent {
  status: number;
  retryAfter: string | null;
}

/** POSTs `body` through the proxy and says how it was answered (a hang counts as status 0 after 10 s). */
async function post(cluster: ReliabilityCluster, key: string, path: string, body: unknown): Promise<Sent> {
  try {
    const response = await fetch(`${cluster.origin}${path}`, {
      body: JSON.stringify(body),
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      method: 'POST',
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    return { retryAfter: response.headers.get('retry-after'), status: response.status };
  } catch {
    return { retryAfter: null, status: 0 };
  }
}

/**
 * PostgreSQL stopped under load while producers write audit events and GPU samples: only 200 or 503 with Retry-After,
 * no hang, serving again within 5 s of its return, and every acknowledged write stored.
 */
export async function postgresOutage(cluster: ReliabilityCluster): Promise<void> {
  const writer = await createKey(cluster, { name: 'writer', scopes: ['audit:write', 'gpu:ingest'], tier: 'enterprise' });
  const acknowledged = { audit: [] as string[], samples: [] as string[] };
  const refusals: Sent[] = [];
  let writing = true;
  // Producers writing throughout: each event and sample has its own key, so what was acknowledged can be counted.
  const producer = (async () => {
    for (let n = 0; writing; n++) {
      const idempotencyKey = randomUUID();
      const audit = await post(cluster, writer, '/v1/audit/events', { events: [{ action: 'reliability.write', actorType: 'system', idempotencyKey, outcome: 'success' }] });
      const sampledAt = new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
      const sample = await post(cluster, writer, '/v1/gpu/samples', { samples: [{ host: 'rel', sampledAt, throttleReasons: [], utilizationRatio: 0.5, uuid: 'GPU-reliability' }] });
      for (const [kind, sent, id] of [['audit', audit, idempotencyKey], ['samples', sample, sampledAt]] as const) {
        if (sent.status === 200 || sent.status === 202) {
          acknowledged[kind].push(id);
        } else {
          refusals.push(sent);
        }
      }
    }
  })();

  let downAt = 0;
  let recoveredAfterMs = 0;
  const { load: result } = await loadWhile({ connections: 8, headers: cluster.auth, seconds: 12, url: `${cluster.origin}/v1/api-keys?limit=1` }, 2_000, async () => {
    await cluster.postgres.server.stop();
    downAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await cluster.postgres.server.start();
    const upAt = Date.now();
    await waitFor(async () => (await fetch(`${cluster.origin}/v1/api-keys?limit=1`, { headers: cluster.auth })).status === 200, 'the cluster to serve from PostgreSQL again', 30_000);
    recoveredAfterMs = Date.now() - upAt;
  });
  writing = false;
  await producer;

  const client = new pg.Client({ connectionString: cluster.postgres.url });
  await client.connect();
  try {
    const audit = await client.query<{ count: string }>('select count(*) from audit_events where idempotency_key = any($1)', [acknowledged.audit]);
    const samples = await client.query<{ count: string }>("select count(*) from gpu_samples s join gpu_devices d on d.id = s.device_id where d.uuid = 'GPU-reliability' and s.sampled_at = any($1::timestamptz[])", [acknowledged.samples]);
    report('PostgreSQL outage', {
      requests: result.requests,
      statuses: result.statuses,
      errors: result.errors,
      timeouts: result.timeouts,
      recoveredAfterMs,
      acknowledgedAudit: acknowledged.audit.length,
      storedAudit: audit.rows[0]!.count,
      acknowledgedSamples: acknowledged.samples.length,
      storedSamples: samples.rows[0]!.count,
      writeRefusals: refusals.length,
      downForMs: 3_000,
      outageStartedAt: new Date(downAt).toISOString(),
    });
    expect(Number(audit.rows[0]!.count)).toBe(acknowledged.audit.length);
    expect(Number(samples.rows[0]!.count)).toBe(acknowledged.samples.length);
  } finally {
    await client.end();
  }
  // Only answers the issue allows: served, or refused quickly with a reason and when to come back.
  expect(Object.keys(result.statuses).filter((status) => status !== '200' && status !== '503')).toEqual([]);
  expect(result.statuses['503']).toBeGreaterThan(0);
  expect(result.errors + result.timeouts).toBe(0);
  expect(refusals.length).toBeGreaterThan(0);
  expect(refusals.every((sent) => sent.status === 503 && sent.retryAfter !== null)).toBe(true);
  expect(recoveredAfterMs).toBeLessThanOrEqual(5_000);
}
