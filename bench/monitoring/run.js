// npm run bench:monitoring [-- --seconds=10 --scrapes=300 --redis=URL --postgres=ADMIN_URL]: what monitoring costs.
// 1. The same endpoints on two instances of the whole app, HTTP metrics on (RED counters, duration histogram and the
//    HDR percentile windows) and off, in alternating 1 s rounds so other load on the machine falls on both alike.
//    Budget: overhead <= 5% (ratio on/off >= 0.95).
// 2. GET /metrics scrape time with every module loaded and traffic on many routes, against a bare node:http server
//    serving only prom-client's default metrics (the floor of any scrape). Budget: < 10 ms.
// Not a test: it prints numbers and asserts nothing.
import autocannon from 'autocannon';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { collectDefaultMetrics, Registry } from 'prom-client';

import { withBenchDatabase } from '../support/bench-database.js';
import { benchFlags, benchServices } from '../support/bench-flags.js';
import { benchAppEnv, startBenchServer } from '../support/bench-server.js';

const flags = benchFlags();
const ROUNDS = Number(flags.seconds ?? 10);
const SCRAPES = Number(flags.scrapes ?? 300);
const CONNECTIONS = 16;
const { redisUrl: REDIS_URL, postgresUrl: POSTGRES_URL } = benchServices(flags);
const serverScript = new URL('./server.js', import.meta.url).pathname;

async function startServer(databaseUrl, metrics) {
  const server = await startBenchServer(serverScript, benchAppEnv(databaseUrl, REDIS_URL, { MONITORING_HTTP_METRICS: String(metrics) }));
  return { ...server, origin: `http://127.0.0.1:${server.port}`, key: server.value };
}

async function rps(origin, path, headers, duration) {
  const result = await autocannon({ url: `${origin}${path}`, connections: CONNECTIONS, duration, headers });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${path}: ${result.non2xx} non-2xx and ${result.errors} errors`);
  }
  return result.requests.total / duration;
}

async function overhead(on, off, path, headers) {
  await rps(off.origin, path, headers(off), 1);
  await rps(on.origin, path, headers(on), 1);
  const totals = { off: 0, on: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    totals.off += await rps(off.origin, path, headers(off), 1);
    totals.on += await rps(on.origin, path, headers(on), 1);
  }
  return { off: totals.off / ROUNDS, on: totals.on / ROUNDS };
}

/** Sequential scrapes, as Prometheus makes them: the time to the last byte of each. */
async function scrapeTimes(url, headers = {}) {
  const times = [];
  let bytes = 0;
  for (let i = 0; i < SCRAPES + 10; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    const text = await response.text();
    if (i >= 10) {
      times.push(performance.now() - started);
      bytes = text.length;
    }
  }
  times.sort((a, b) => a - b);
  const at = (p) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)];
  return { p50: at(50), p99: at(99), mean: times.reduce((a, b) => a + b, 0) / times.length, bytes };
}

async function bareRegistryServer() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const server = createServer((_req, res) => {
    void registry.metrics().then((body) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${server.address().port}/metrics` };
}

/** Traffic on many routes and statuses, so the scrape carries the label sets a busy instance has. */
async function varied(origin, key) {
  const auth = { authorization: `Bearer ${key}` };
  const paths = ['/health/live', '/health/ready', '/health/startup', '/v1/monitoring/summary', '/bench/ping', '/openapi.json', '/nope', '/v1/cache/stats', '/v1/db/pool', '/cdn/0123456789abcdef/missing.js'];
  for (let i = 0; i < 20; i++) {
    await Promise.all(paths.map((path) => fetch(`${origin}${path}`, { headers: auth }).then((response) => response.arrayBuffer())));
  }
}

const rows = await withBenchDatabase(POSTGRES_URL, async (databaseUrl) => {
  const on = await startServer(databaseUrl, true);
  const off = await startServer(databaseUrl, false);
  try {
    const live = await overhead(on, off, '/health/live', () => ({}));
    const ping = await overhead(on, off, '/bench/ping', (server) => ({ authorization: `Bearer ${server.key}` }));
    await varied(on.origin, on.key);
    const bare = await bareRegistryServer();
    try {
      const app = await scrapeTimes(`${on.origin}/metrics`);
      const floor = await scrapeTimes(bare.url);
      return { live, ping, app, floor };
    } finally {
      bare.server.close();
    }
  } finally {
    await Promise.all([on.stop(), off.stop()]);
  }
});

const ratio = ({ on, off }) => (on / off).toFixed(3);
const ms = (value) => value.toFixed(2);
process.stdout.write(
  [
    '| endpoint | metrics off req/s | metrics on req/s | ratio on/off |',
    '| --- | --- | --- | --- |',
    `| GET /health/live (public, the cheapest route) | ${Math.round(rows.live.off)} | ${Math.round(rows.live.on)} | **${ratio(rows.live)}** |`,
    `| GET /bench/ping (API key, scope, Redis limiter) | ${Math.round(rows.ping.off)} | ${Math.round(rows.ping.on)} | **${ratio(rows.ping)}** |`,
    '',
    '| GET /metrics | p50 ms | p99 ms | mean ms | bytes |',
    '| --- | --- | --- | --- | --- |',
    `| Bulwark, every module loaded, traffic on 10 routes | ${ms(rows.app.p50)} | ${ms(rows.app.p99)} | **${ms(rows.app.mean)}** | ${rows.app.bytes} |`,
    `| bare node:http + prom-client default metrics (floor) | ${ms(rows.floor.p50)} | ${ms(rows.floor.p99)} | ${ms(rows.floor.mean)} | ${rows.floor.bytes} |`,
    `| ratio Bulwark/floor (mean) | | | ${(rows.app.mean / rows.floor.mean).toFixed(2)} | |`,
    '',
    `node ${process.version}, ${CONNECTIONS} connections, ${ROUNDS} alternating 1 s rounds per side after 1 s warm-up, loopback; ${SCRAPES} sequential scrapes after 10 warm-up; budgets: ratio >= 0.95, scrape < 10 ms`,
    '',
  ].join('\n'),
);
