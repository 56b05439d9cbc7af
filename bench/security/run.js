// npm run bench:security [-- --seconds=5 --redis=URL --postgres=ADMIN_URL]: req/s of a trivial handler without any guard vs behind the rate limiter, in the same
// process and run, for each limiter backend; plus @nestjs/throttler's stock in-memory storage for comparison.
// Loopback only; each side runs for a bounded time. Not a test: it prints numbers, it asserts nothing.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';

import { withBenchDatabase } from '../support/bench-database.js';
import { benchFlags, benchServices } from '../support/bench-flags.js';

const flags = benchFlags();
const DURATION_S = Number(flags.seconds ?? 5);
const CONNECTIONS = 16;
const { redisUrl: REDIS_URL, postgresUrl: POSTGRES_URL } = benchServices(flags);
const server = new URL('./server.js', import.meta.url).pathname;

const SCENARIOS = [
  { name: 'limiter alone: GCRA in memory', mode: 'memory', env: {} },
  { name: 'limiter alone: GCRA on Redis (1 EVALSHA)', mode: 'redis', env: { REDIS_URL } },
  { name: 'limiter alone: @nestjs/throttler stock in-memory storage', mode: 'stock', env: {} },
  { name: 'whole app: API key + GCRA on Redis', mode: 'app', env: { REDIS_URL, LOG_REQUESTS: 'false' }, database: true },
];

async function startServer(scenario) {
  const env = {
    NODE_ENV: 'development',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'bulwark-bench-')),
    LOG_LEVEL: 'error',
    RATE_LIMIT_ANONYMOUS: '1000000000',
    RATE_LIMIT_WINDOW_MS: '60000',
    ...scenario.env,
  };
  const child = spawn(process.execPath, [server, scenario.mode], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  for await (const chunk of child.stdout) {
    output += String(chunk);
    const ready = /READY (\d+) (\S*)/.exec(output);
    if (ready) {
      return { child, port: Number(ready[1]), key: ready[2] };
    }
  }
  throw new Error(`bench server (${scenario.mode}) exited before listening`);
}

async function measure(url, duration, headers = {}) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration, headers });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx and ${result.errors} errors`);
  }
  return result.requests.total / duration;
}

/**
 * Alternates one-second rounds of each side so that background load on the machine falls on both alike; the
 * rate of a side is its mean over its rounds.
 */
async function compare(open, limited) {
  const totals = { open: 0, limited: 0 };
  for (let round = 0; round < DURATION_S; round++) {
    totals.open += await measure(open.url, 1, open.headers);
    totals.limited += await measure(limited.url, 1, limited.headers);
  }
  return { open: totals.open / DURATION_S, limited: totals.limited / DURATION_S };
}

async function runScenario(scenario) {
  const { child, port, key } = await startServer(scenario);
  const base = `http://127.0.0.1:${port}/bench`;
  const auth = key ? { authorization: `Bearer ${key}` } : {};
  try {
    // Warm both routes (JIT, connections, the key cache) before measuring either.
    await measure(`${base}/open`, 1);
    await measure(`${base}/limited`, 1, auth);
    const { open, limited } = await compare({ url: `${base}/open` }, { url: `${base}/limited`, headers: auth });
    return { scenario: scenario.name, 'unguarded req/s': Math.round(open), 'guarded req/s': Math.round(limited), ratio: (limited / open).toFixed(2) };
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
}

const rows = [];
for (const scenario of SCENARIOS) {
  rows.push(
    scenario.database
      ? await withBenchDatabase(POSTGRES_URL, (url) => runScenario({ ...scenario, env: { ...scenario.env, DATABASE_URL: url } }))
      : await runScenario(scenario),
  );
}

const columns = Object.keys(rows[0]);
const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => String(row[column]).length)));
const line = (cells) => `| ${cells.map((cell, i) => String(cell).padEnd(widths[i])).join(' | ')} |\n`;
process.stdout.write(line(columns) + line(widths.map((width) => '-'.repeat(width))) + rows.map((row) => line(columns.map((c) => row[c]))).join(''));
process.stdout.write(`\nnode ${process.version}, ${CONNECTIONS} connections, ${DURATION_S} s per side in alternating 1 s rounds after 1 s warm-up, loopback; target ratio >= 0.7\n`);
