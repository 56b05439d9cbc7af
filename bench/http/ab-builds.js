// node bench/http/ab-builds.js --baseline=/path/to/other/checkout [--rounds=8 --seconds=4 --env-baseline=K=V,... --env-candidate=K=V,...]
// A/B of two builds of the full stack: this checkout's (the candidate) and another checkout's (the baseline, built with
// `npm run build` there), both serving GET /bench/catalogue from the same PostgreSQL and Redis, loaded *at the same
// time* by two wrk processes, so that whatever else the machine does falls on both alike. Prints each side's req/s and
// its server's own CPU time per request (from /proc), per round and in total: on a shared machine that CPU figure
// tells a 3% change apart where alternating req/s rounds cannot. With the same checkout on both sides and an `--env-*`
// flag, it measures what one setting costs. Not a test: it prints numbers.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { withBenchDatabase } from '../support/bench-database.js';
import { benchFlags, benchServices } from '../support/bench-flags.js';
import { benchAppEnv, startBenchServer } from '../support/bench-server.js';
import { cpuSeconds, requireWrk } from '../support/wrk.js';

const flags = benchFlags();
if (flags.baseline === undefined) {
  throw new Error('--baseline=<another checkout, built> is required');
}
const ROUNDS = Number(flags.rounds ?? 8);
const SECONDS = Number(flags.seconds ?? 4);
const CONNECTIONS = 8;
const { redisUrl, postgresUrl } = benchServices(flags);
const envOf = (text = '') => Object.fromEntries(text.split(',').filter(Boolean).map((pair) => pair.split('=')));
const sides = {
  baseline: { script: join(flags.baseline, 'bench/http/full-stack-server.js'), env: envOf(flags['env-baseline']) },
  candidate: { script: new URL('./full-stack-server.js', import.meta.url).pathname, env: envOf(flags['env-candidate']) },
};

/** One wrk run, spawned so that two can run at once; resolves to the number of requests it completed. */
function load(url, key, seconds) {
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '-H', `authorization: Bearer ${key}`, url]);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', () => {
      const total = /(\d+) requests in/.exec(output);
      if (total === null || /Non-2xx or 3xx|Socket errors/.test(output)) {
        reject(new Error(`wrk on ${url}:\n${output}`));
        return;
      }
      resolve(Number(total[1]));
    });
  });
}

requireWrk();
await withBenchDatabase(postgresUrl, async (databaseUrl) => {
  const servers = {};
  // One after the other: both run the migrations of the same database at startup.
  for (const [name, side] of Object.entries(sides)) {
    servers[name] = await startBenchServer(side.script, benchAppEnv(databaseUrl, redisUrl, side.env));
  }
  const names = Object.keys(servers);
  const url = (server) => `http://127.0.0.1:${server.port}/bench/catalogue`;
  try {
    await Promise.all(names.map((name) => load(url(servers[name]), servers[name].value, 3))); // warm-up
    const totals = Object.fromEntries(names.map((name) => [name, { requests: 0, cpu: 0 }]));
    for (let round = 1; round <= ROUNDS; round++) {
      const cpuBefore = names.map((name) => cpuSeconds(servers[name].child.pid));
      const counts = await Promise.all(names.map((name) => load(url(servers[name]), servers[name].value, SECONDS)));
      const line = names.map((name, index) => {
        const cpu = cpuSeconds(servers[name].child.pid) - cpuBefore[index];
        totals[name].requests += counts[index];
        totals[name].cpu += cpu;
        return `${name} ${Math.round(counts[index] / SECONDS)} req/s, ${((1e6 * cpu) / counts[index]).toFixed(0)} µs CPU/req`;
      });
      process.stdout.write(`round ${round}: ${line.join(' | ')} | candidate/baseline ${(counts[1] / counts[0]).toFixed(3)}\n`);
    }
    for (const name of names) {
      const { requests, cpu } = totals[name];
      process.stdout.write(`${name}: ${Math.round(requests / (ROUNDS * SECONDS))} req/s, ${((1e6 * cpu) / requests).toFixed(1)} µs CPU/req\n`);
    }
    process.stdout.write(`candidate/baseline throughput ${(totals.candidate.requests / totals.baseline.requests).toFixed(3)}\n`);
  } finally {
    await Promise.all(names.map((name) => servers[name].stop()));
  }
});
