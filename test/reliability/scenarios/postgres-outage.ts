import { randomUUID } from 'node:crypto';
import pg from 'pg';

import { waitFor } from '../../support/wait-for.js';
import { createKey, report } from '../support/api.js';
import { loadWhile } from '../support/load.js';
import type { ReliabilityCluster } from '../support/reliability-cluster.js';

interface Sent {
  status: number;
  retryAfter: string | null;
  /** The problem document's `type` (or the first bytes of another body), so a wrong answer says what it was. */
  problem?: string;
}

/** What a refused write said about itself: its problem `type`, else the start of its body. */
function problemOf(body: string): string {
  try {
    const { type } = JSON.parse(body) as { type?: unknown };
    return typeof type === 'string' ? type : body.slice(0, 120);
  } catch {
    return body.slice(0, 120);
  }
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
    const text = await response.text();
    const sent: Sent = { retryAfter: response.headers.get('retry-after'), status: response.status };
    return response.ok ? sent : { ...sent, problem: problemOf(text) };
  } catch (error) {
    return { problem: error instanceof Error ? error.name : 'error', retryAfter: null, status: 0 };
  }
}

/** Refusals counted by `status retry-after problem`, e.g. `{"503 5 …/database-unavailable": 12}`. */
function tally(refusals: Sent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const sent of refusals) {
    const label = `${sent.status} ${sent.retryAfter ?? '-'} ${sent.problem ?? ''}`;
    counts[label] = (counts[label] ?? 0) + 1;
  }
  return counts;
}

/** The first lines of the instances' logs about a 500 answer, to say why a write got one. */
function errorLines(cluster: ReliabilityCluster): string[] {
  return cluster.instances
    .flatMap((instance) => instance.internalErrors)
    .slice(0, 3)
    .map((line) => line.slice(0, 3_000));
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
      refusedAs: tally(refusals),
      downForMs: 3_000,
      outageStartedAt: new Date(downAt).toISOString(),
    });
    if (refusals.some((sent) => sent.status !== 503)) {
      report('PostgreSQL outage, errors the instances logged', { lines: errorLines(cluster) });
    }
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
