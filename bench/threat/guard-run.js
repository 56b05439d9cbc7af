// npm run bench:threat:guard [-- --seconds=10 --warm-up=3 --redis=URL --postgres=ADMIN_URL --browser=1 --loader=wrk|autocannon --ablation=1 --endpoint=db --env=NAME=value,...]: req/s of a protected endpoint (API
// key, scope, Redis rate limiter) with the threat guard inspecting a typical request (10 query parameters and a
// 1 KB JSON body) against the same endpoint with inspection off, in one process and run. Not a test: it prints
// numbers, it asserts nothing. The issue's budget: the guard costs at most 15% (ratio >= 0.85). With --browser=1 every
// request also carries a browser's User-Agent and a Referer, which the guard inspects too. The loader is wrk, cycling
// through 4096 requests generated up front (see bench/support/wrk.js for why not a Node client); `--loader=autocannon`
// builds each request in the client as this benchmark did before. With --ablation=1 it also measures routes that do
// only part of the guard's work (see guard-server.js): walking the request, then the per-value path with no detectors.
// With --endpoint=db both sides' handler first reads one row through TypeORM from PostgreSQL. --env=NAME=value,...
// sets the app's configuration (e.g. --env=THREAT_MEMO_ENTRIES=0); it applies to both sides alike.
import autocannon from 'autocannon';
import { once } from 'node:events';
import { URLSearchParams } from 'node:url';

import { withBenchDatabase } from '../support/bench-database.js';
import { benchAppSettings, benchFlags, benchServices } from '../support/bench-flags.js';
import { benchAppEnv, startBenchServer } from '../support/bench-server.js';
import { requireWrk, runWrk, writeRequestScript } from '../support/wrk.js';
import { typicalBody, typicalQuery } from './typical-request.js';

const flags = benchFlags();
const DURATION_S = Number(flags.seconds ?? 10);
const CONNECTIONS = 16;
const BROWSER_HEADERS = {
  'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'referer': 'https://shop.example.com/products/trail-runner?colour=blue&size=42',
};
const LOADER = flags.loader ?? 'wrk';
const WRK_REQUESTS = 4096;
const WARM_UP_S = Number(flags['warm-up'] ?? 3);
const BROWSER = flags.browser !== undefined && flags.browser !== '0';
const ABLATION = flags.ablation !== undefined && flags.ablation !== '0';
const DB_ENDPOINT = flags.endpoint === 'db';
if (ABLATION && DB_ENDPOINT) {
  throw new Error('--ablation=1 splits the guard on the constant endpoint only; leave out --endpoint=db');
}
/** Routes measured, in each round's order: the endpoint without the guard, (ablation: parts of its work), with it. */
const ROUTES = [
  { side: 'off', path: DB_ENDPOINT ? 'read-uninspected' : 'uninspected', label: 'threat guard off' },
  ...(ABLATION
    ? [
        { side: 'walked', path: 'walked', label: 'guard off; the request flattened and every value visited' },
        { side: 'screened', path: 'screened', label: 'that, then the inert test, memo and normalisation (no detectors)' },
      ]
    : []),
  { side: 'on', path: DB_ENDPOINT ? 'read-inspected' : 'inspected', label: 'threat guard on (paranoia 1, block)' },
];
const { redisUrl: REDIS_URL, postgresUrl: POSTGRES_URL } = benchServices(flags);
const APP_SETTINGS = benchAppSettings(flags);
const server = new URL('./guard-server.js', import.meta.url).pathname;

async function startServer(databaseUrl) {
  const { child, port, value } = await startBenchServer(server, benchAppEnv(databaseUrl, REDIS_URL, APP_SETTINGS));
  return { child, port, key: value };
}

let seed = 0;

/** Each request its own ids, dates and free text (see typical-request.js); field names and enums repeat. */
function variedRequest(path) {
  return (request) => {
    seed += 1;
    return { ...request, path: `${path}?${new URLSearchParams(typicalQuery(seed)).toString()}`, body: JSON.stringify(typicalBody(seed)) };
  };
}

/** wrk's script for one route: WRK_REQUESTS varied requests, formatted once. */
function wrkScript(path, headers) {
  return writeRequestScript(
    Array.from({ length: WRK_REQUESTS }, (_, index) => ({
      method: 'POST',
      path: `${path}?${new URLSearchParams(typicalQuery(index + 1)).toString()}`,
      headers,
      body: JSON.stringify(typicalBody(index + 1)),
    })),
  );
}

async function measure(url, duration, headers, script) {
  if (LOADER === 'wrk') {
    return runWrk({ url, connections: CONNECTIONS, seconds: duration, script }).rate;
  }
  const { origin, pathname } = new URL(url);
  const requests = [{ method: 'POST', headers, setupRequest: variedRequest(pathname) }];
  const result = await autocannon({ url: origin, connections: CONNECTIONS, duration, requests });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx and ${result.errors} errors`);
  }
  return result.requests.total / duration;
}

/** Both routes of one server, in alternating 1 s rounds so that other load on the machine falls on both alike. */
async function compare(databaseUrl) {
  const { child, port, key } = await startServer(databaseUrl);
  const written = [];
  try {
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...(BROWSER ? BROWSER_HEADERS : {}) };
    const url = (path) => `http://127.0.0.1:${port}/bench/${path}`;
    const scripts = {};
    if (LOADER === 'wrk') {
      for (const { side, path } of ROUTES) {
        const script = wrkScript(`/bench/${path}`, headers);
        written.push(script);
        scripts[side] = script.file;
      }
    }
    // Warm every route (JIT, the key cache, Redis connections) before measuring any: V8 takes a few seconds of
    // load to optimise the app's request path and the engine's.
    for (const { side, path } of ROUTES) {
      await measure(url(path), WARM_UP_S, headers, scripts[side]);
    }
    const totals = Object.fromEntries(ROUTES.map(({ side }) => [side, 0]));
    for (let round = 0; round < DURATION_S; round++) {
      for (const { side, path } of ROUTES) {
        totals[side] += await measure(url(path), 1, headers, scripts[side]);
      }
    }
    return Object.fromEntries(ROUTES.map(({ side }) => [side, totals[side] / DURATION_S]));
  } finally {
    written.forEach((script) => script.remove());
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
}

if (LOADER === 'wrk') {
  requireWrk();
}
const rates = await withBenchDatabase(POSTGRES_URL, compare);
const { off, on } = rates;
if (ABLATION) {
  const rows = ROUTES.map(({ side, label }) => {
    const cost = side === 'off' ? '' : ` ${(1e6 / rates[side] - 1e6 / off).toFixed(0)} µs |`;
    return `| ${label} | ${Math.round(rates[side])} | ${(rates[side] / off).toFixed(2)} |${side === 'off' ? ' |' : cost}`;
  });
  process.stdout.write(`| protected endpoint (API key + Redis limiter) | req/s | ratio to off | added per request |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n`);
} else {
  process.stdout.write(
    `| protected endpoint (API key + Redis limiter${DB_ENDPOINT ? ', one PostgreSQL read' : ''}) | req/s |\n| --- | --- |\n| threat guard off | ${Math.round(off)} |\n| threat guard on (paranoia 1, block) | ${Math.round(on)} |\n| ratio on/off | **${(on / off).toFixed(2)}** |\n`,
  );
}
process.stdout.write(
  `\nnode ${process.version}, ${LOADER === 'wrk' ? `wrk -t1 cycling through ${WRK_REQUESTS} requests made up front` : 'autocannon'}, ${CONNECTIONS} connections, ${DURATION_S} alternating 1 s rounds per side after a ${WARM_UP_S} s warm-up of each, loopback; ` +
    `requests: ${Object.keys(typicalQuery(1)).length} query parameters + a JSON body of about ${JSON.stringify(typicalBody(1)).length} bytes, each with its own ids, dates and free text${BROWSER ? ', a browser User-Agent and a Referer' : ''}; budget: ratio >= 0.85\n`,
);
