import type { ReliabilityCluster } from './reliability-cluster.js';

/** An API key created through the cluster (any instance: they share PostgreSQL), for a scenario's own limits. */
export async function createKey(cluster: ReliabilityCluster, body: { name: string; scopes: string[]; tier?: string }): Promise<string> {
  const response = await fetch(`${cluster.origin}/v1/api-keys`, {
    body: JSON.stringify({ owner: 'reliability-suite', ...body }),
    headers: { ...cluster.auth, 'content-type': 'application/json' },
    method: 'POST',
  });
  if (response.status !== 201) {
    throw new Error(`creating key ${body.name}: ${response.status} ${await response.text()}`);
  }
  return ((await response.json()) as { key: string }).key;
}

/** Prints what a scenario measured (the suite's output is its report), one line per figure. */
export function report(scenario: string, figures: Record<string, unknown>): void {
  process.stdout.write(`[reliability] ${scenario}: ${Object.entries(figures).map(([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`).join(' ')}\n`);
}
