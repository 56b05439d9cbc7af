// npm run bench:http [-- --seconds=10 --warm-up=3 --redis=URL --postgres=ADMIN_URL --loader=wrk|autocannon]: the issue's
// full-stack target. GET /bench/catalogue on the whole app (API key, Redis rate limiter, threat inspection, HTTP
// metrics, a @Cached JSON body) against the same JSON from a bare Nest/express app, both as child processes, loaded in
// alternating 1 s rounds so the machine's other load falls on both alike. Target: full stack >= 0.5 of the bare
// req/s, with p99 <= 3x the bare p99. The loader is wrk (see bench/support/wrk.js for why not a Node client);
// `--loader=autocannon` measures with autocannon instead, as this benchmark did before. `--env=THREAT_MODE=off,MONITORING_HTTP_METRICS=false` sets variables of the
// full-stack server, to see what one layer costs. Not a test: it prints numbers.
import autocannon from 'autocannon';
import { once } from 'node:events';

import { withBenchDatabase } from '../support/bench-database.js';
import { benchFlags, benchServices } from '../support/bench-flags.js';
import { benchAppEnv, startBenchServer } from '../support/bench-server.js';
import { requireWrk, runWrk } from '../support/wrk.js';

const flags = benchFlags();
const ROUNDS = Number(flags.seconds ?? 10);
const CONNECTIONS = 16;
const { redisUrl, postgresUrl } = benchServices(flags);
const LOADER = flags.loader ?? 'wrk';
/**
 * Seconds of load on each side before measuring. The whole app has far more code on its request path than the bare
 * one, and V8 takes a few seconds of load to optimise it all: its first 1 s rounds ran at 60% of its steady rate.
 */
const WARM_UP_S = Number(flags['warm-up'] ?? 3);
const EXTRA_ENV = Object.fromEntries((flags.env ?? '').split(',').filter(Boolean).map((pair) => pair.split('=')));
const here = (file) => new URL(file, import.meta.url).pathname;

async function round(url, headers, seconds = 1) {
  if (LOADER === 'wrk') {
    const { rate, p50, p99 } = runWrk({ url, connections: CONNECTIONS, seconds, headers });
    return { rps: Math.round(rate), p99, p50 };
  }
  const result = await autocannon({ connections: CONNECTIONS, duration: seconds, headers, url });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx and ${result.errors} errors`);
  }
  return { rps: result.requests.total, p99: result.latency.p99, p50: result.latency.p50 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

if (LOADER === 'wrk') {
  requireWrk();
}
const results = await withBenchDatabase(postgresUrl, async (databaseUrl) => {
  const full = await startBenchServer(here('./full-stack-server.js'), benchAppEnv(databaseUrl, redisUrl, { RATE_LIMIT_ENTERPRISE: '1000000000', ...EXTRA_ENV }));
  const bare = await startBenchServer(here('./bare-server.js'), { NODE_ENV: 'production' });
  try {
    const sides = {
      bare: { url: `http://127.0.0.1:${bare.port}/bench/catalogue`, headers: {}, rounds: [] },
      full: { url: `http://127.0.0.1:${full.port}/bench/catalogue`, headers: { authorization: `Bearer ${full.value}` }, rounds: [] },
    };
    for (const side of Object.values(sides)) {
      await round(side.url, side.headers, WARM_UP_S); // warm-up: JIT, the key cache, the cache entry, Redis connections
    }
    for (let index = 0; index < ROUNDS; index++) {
      for (const side of Object.values(sides)) {
        side.rounds.push(await round(side.url, side.headers));
      }
    }
    return Object.fromEntries(Object.entries(sides).map(([name, side]) => [name, { rps: median(side.rounds.map((r) => r.rps)), p50: median(side.rounds.map((r) => r.p50)), p99: median(side.rounds.map((r) => r.p99)) }]));
  } finally {
    for (const server of [full, bare]) {
      server.child.kill('SIGTERM');
      await once(server.child, 'exit');
    }
  }
});

const { bare, full } = results;
/** wrk reports latency to the microsecond, autocannon to the millisecond. */
const ms = (value) => (Number.isInteger(value) ? String(value) : value.toFixed(2));
process.stdout.write(
  [
    '| GET /bench/catalogue (same ~1 KB JSON) | req/s | p50 ms | p99 ms |',
    '| --- | ---: | ---: | ---: |',
    `| bare Nest/express hello world | ${bare.rps} | ${ms(bare.p50)} | ${ms(bare.p99)} |`,
    `| full stack: API key + Redis rate limit + threat inspection + metrics + cache | ${full.rps} | ${ms(full.p50)} | ${ms(full.p99)} |`,
    `| ratio full / bare | **${(full.rps / bare.rps).toFixed(2)}** (target >= 0.5) | | **${(full.p99 / bare.p99).toFixed(2)}x** (target <= 3x) |`,
    '',
    `node ${process.version}, ${LOADER === 'wrk' ? 'wrk -t1' : 'autocannon'}, ${CONNECTIONS} connections, medians of ${ROUNDS} alternating 1 s rounds per side after a ${WARM_UP_S} s warm-up of each, loopback${flags.env ? `; full stack with ${flags.env}` : ''}`,
    '',
  ].join('\n'),
);
