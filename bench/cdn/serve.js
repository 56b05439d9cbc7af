// node bench/cdn/serve.js [--seconds=5 --rounds=5 --connections=50 --floor --app --postgres=URL --loader=wrk|autocannon]   (after `nest build`; needs wrk and nginx-light)
// req/s of one ~10 KB gzip-precompressed asset (200) and of its revalidation (304, If-None-Match), served on
// loopback by nginx (one worker, gzip_static on) and by Bulwark's /cdn/* handler in its own process, from the same
// files. Rounds interleave the servers so background load falls on both alike; each figure is the median of its
// rounds. Target: ours >= 0.8 × nginx for both. Not a test: it prints numbers and a verdict, and exits 0.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';

import autocannon from 'autocannon';

import { withBenchDatabase } from '../support/bench-database.js';
import { benchFlags, benchServices } from '../support/bench-flags.js';
import { profileFlags } from '../support/bench-server.js';
import { cpuSeconds, requireWrk, runWrk } from '../support/wrk.js';

const flags = benchFlags();
const SECONDS = Number(flags.seconds ?? 5);
const ROUNDS = Number(flags.rounds ?? 5);
const CONNECTIONS = Number(flags.connections ?? 50);
const TARGET = 0.8;
/** `--floor`: also measure a minimal node:http callback sending the same bytes, to separate Node's cost from ours. */
const FLOOR = process.argv.includes('--floor');
/**
 * `--app`: also measure the whole app (bench/cdn/server.js startAppServer) on a fresh database next to `--postgres=`;
 * every server then sends the bytes the app made of the script (minified, then gzip), so bodies are the same size.
 */
const APP = process.argv.includes('--app');
/** Load generator: wrk (default; C, multiplexed with epoll) or autocannon (Node). */
const LOADER = flags.loader ?? 'wrk';
const NGINX = flags.nginx ?? '/usr/sbin/nginx';
const NAME = 'app.js';
const ROOT_DIR = new URL('../..', import.meta.url).pathname;

/** A real JavaScript source (lru-cache's ESM build) cut to the length whose gzip -9 body is about 10 KB. */
function realLookingScript(targetGzipBytes = 10_000) {
  const source = readFileSync(join(ROOT_DIR, 'node_modules/lru-cache/dist/esm/index.js'));
  let low = 1_000;
  let high = source.length;
  while (high - low > 64) {
    const middle = Math.floor((low + high) / 2);
    if (gzipSync(source.subarray(0, middle), { level: 9 }).length < targetGzipBytes) {
      low = middle;
    } else {
      high = middle;
    }
  }
  const end = source.lastIndexOf(10, low) + 1;
  return source.subarray(0, end > 0 ? end : low);
}

/**
 * For `--app`, a whole module (the app refuses a script that does not parse): csv-stringify's ESM build, whose body
 * minified then gzipped is about 10 KB.
 */
const wholeScript = () => readFileSync(join(ROOT_DIR, 'node_modules/csv-stringify/dist/esm/sync.js'));

function writeFiles(dir) {
  const script = APP ? wholeScript() : realLookingScript();
  const hash = createHash('sha256').update(script).digest('hex').slice(0, 16);
  const folder = join(dir, 'root', 'cdn', hash);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, NAME), script);
  writeFileSync(join(folder, `${NAME}.gz`), gzipSync(script, { level: 9 }));
  // Created 0700 by mkdtemp; nginx workers (nobody when started as root) must read the files.
  for (const path of [dir, join(dir, 'root'), join(dir, 'root', 'cdn'), folder]) {
    chmodSync(path, 0o755);
  }
  return { hash, size: script.length, gzipSize: gzipSync(script, { level: 9 }).length };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function startNginx(dir) {
  const port = await freePort();
  const mimeTypes = existsSync('/etc/nginx/mime.types') ? 'include /etc/nginx/mime.types;' : '';
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1; daemon off; error_log ${dir}/error.log; pid ${dir}/nginx.pid;
events {}
http {
  ${mimeTypes}
  charset utf-8; charset_types application/javascript;
  access_log off; keepalive_requests 100000; keepalive_timeout 60s;
  server {
    listen 127.0.0.1:${port};
    location /cdn/ { root ${dir}/root; gzip_static on; etag on; add_header Cache-Control "public, max-age=31536000, immutable"; }
  }
}
`,
  );
  const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'inherit', 'inherit'] });
  await waitForPort(port, child);
  return { name: 'nginx', child, port };
}

async function startNode(dir, hash, name, mode, env = undefined) {
  const child = spawn(process.execPath, [...profileFlags(), join(ROOT_DIR, 'bench/cdn/server.js'), join(dir, 'root'), hash, NAME, mode], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  for await (const chunk of child.stdout) {
    output += String(chunk);
    const ready = /READY (\d+) (\S+)/.exec(output);
    if (ready) {
      return { name, child, port: Number(ready[1]), path: ready[2] };
    }
  }
  throw new Error('bench/cdn/server.js exited before listening');
}

/** Writes what the app serves at `app.path` (gzip and identity) as the files nginx and the bare handler serve. */
async function adoptAppBytes(dir, app) {
  const [, , hash, name] = app.path.split('/');
  const folder = join(dir, 'root', 'cdn', hash);
  mkdirSync(folder, { recursive: true });
  chmodSync(folder, 0o755);
  const identity = await request(app.port, app.path, { 'accept-encoding': 'identity' });
  const gzip = await request(app.port, app.path, { 'accept-encoding': 'gzip' });
  if (identity.status !== 200 || gzip.headers['content-encoding'] !== 'gzip') {
    throw new Error(`the app does not serve ${app.path} as identity and gzip`);
  }
  writeFileSync(join(folder, name), identity.body);
  writeFileSync(join(folder, `${name}.gz`), gzip.body);
  return { hash, size: identity.body.length, gzipSize: gzip.body.length };
}

async function waitForPort(port, child) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (child.exitCode !== null) {
      throw new Error(`${NGINX} exited with ${child.exitCode}`);
    }
    try {
      await request(port, '/', {});
      return;
    } catch {
      await sleep(50);
    }
  }
  throw new Error(`nothing listens on ${port}`);
}

function request(port, path, headers) {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** Checks a server answers the scenarios as expected (gzip 200 with the .gz bytes, 304 for its own ETag); returns its ETag. */
async function preflight(server, path, gzipBytes) {
  const ok = await request(server.port, path, { 'accept-encoding': 'gzip' });
  if (ok.status !== 200 || ok.headers['content-encoding'] !== 'gzip' || !ok.body.equals(gzipBytes) || !ok.headers.etag) {
    throw new Error(`${server.name}: expected the gzip body with an ETag, got ${ok.status} ${JSON.stringify(ok.headers)}`);
  }
  const revalidated = await request(server.port, path, { 'accept-encoding': 'gzip', 'if-none-match': ok.headers.etag });
  if (revalidated.status !== 304 || revalidated.body.length !== 0) {
    throw new Error(`${server.name}: expected 304 for If-None-Match ${ok.headers.etag}, got ${revalidated.status}`);
  }
  return { etag: ok.headers.etag, headers: ok.headers };
}

/** The process that answers requests: nginx's single worker (a child of the master), or the Node child itself. */
function servingPid(server) {
  if (server.name !== 'nginx') {
    return server.child.pid;
  }
  for (const entry of readdirSync('/proc')) {
    if (/^\d+$/.test(entry)) {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === server.child.pid) {
          return Number(entry);
        }
      } catch {
        // The process ended while /proc was read.
      }
    }
  }
  throw new Error('nginx has no worker process');
}

/** One wrk run: req/s and requests per CPU second of the serving process. */
function wrk(server, path, headers) {
  const { rate, perCpuSecond } = runWrk({ url: `http://127.0.0.1:${server.port}${path}`, connections: CONNECTIONS, seconds: SECONDS, headers, pid: server.pid });
  return { rate, perCpuSecond };
}

/**
 * One autocannon run (`--loader=autocannon`), for comparison with figures taken with it: a Node client, it runs out of
 * CPU before nginx does, so it understates nginx's rate on a small machine.
 */
async function autocannonRun(server, path, headers) {
  const cpuBefore = cpuSeconds(server.pid);
  const result = await autocannon({ url: `http://127.0.0.1:${server.port}${path}`, connections: CONNECTIONS, duration: SECONDS, headers });
  const cpu = cpuSeconds(server.pid) - cpuBefore;
  const expected = 'If-None-Match' in headers ? 304 : 200;
  const answered = result.statusCodeStats?.[expected]?.count ?? 0;
  if (result.errors > 0 || answered !== result.requests.total) {
    throw new Error(`autocannon on ${server.port}${path}: ${result.errors} errors, ${answered} of ${result.requests.total} answered ${expected}`);
  }
  return { rate: result.requests.total / SECONDS, perCpuSecond: result.requests.total / cpu };
}

const measure = (server, path, headers) => (LOADER === 'autocannon' ? autocannonRun(server, path, headers) : wrk(server, path, headers));

const print = (line = '') => process.stdout.write(`${line}\n`);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function main(databaseUrl) {
  if (LOADER === 'wrk') {
    requireWrk();
  }
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-cdn-bench-'));
  const servers = [];
  try {
    let files = writeFiles(dir);
    if (APP) {
      const env = { NODE_ENV: 'development', LOG_LEVEL: flags['log-level'] ?? 'silent', DATA_DIR: join(dir, 'data'), DATABASE_URL: databaseUrl };
      const app = await startNode(dir, files.hash, 'bulwark app', 'app', env);
      servers.push(app);
      files = await adoptAppBytes(dir, app);
    }
    const path = `/cdn/${files.hash}/${NAME}`;
    const gzipBytes = readFileSync(join(dir, 'root', 'cdn', files.hash, `${NAME}.gz`));
    servers.unshift(await startNginx(dir), await startNode(dir, files.hash, 'bulwark', 'handler'));
    if (FLOOR) {
      servers.push(await startNode(dir, files.hash, 'node floor', 'floor'));
    }
    const etags = {};
    for (const server of servers) {
      server.pid = servingPid(server);
      const { etag, headers } = await preflight(server, path, gzipBytes);
      etags[server.name] = etag;
      print(`${server.name}: ETag ${etag}, ${headers['content-type']}, ${headers['content-length']} bytes gzip`);
    }
    print(`load average at start: ${loadavg().map((n) => n.toFixed(2)).join(' ')}; Node ${process.version}`);
    print(`asset: ${files.size} bytes, ${files.gzipSize} bytes gzip${APP ? ' (as the app serves it)' : ' -9'}; ${LOADER === 'wrk' ? 'wrk -t1' : 'autocannon'} -c${CONNECTIONS}, ${ROUNDS} rounds × ${SECONDS} s per server and scenario`);
    const scenarios = [
      { name: '200 gzip (precompressed, ETag)', headers: () => ({ 'Accept-Encoding': 'gzip' }) },
      { name: '304 If-None-Match', headers: (server) => ({ 'Accept-Encoding': 'gzip', 'If-None-Match': etags[server.name] }) },
    ];
    const results = new Map(scenarios.map((scenario) => [scenario.name, Object.fromEntries(servers.map((server) => [server.name, []]))]));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const scenario of scenarios) {
        const order = round % 2 === 0 ? servers : [...servers].reverse();
        for (const server of order) {
          results.get(scenario.name)[server.name].push(await measure(server, path, scenario.headers(server)));
        }
      }
    }
    report(scenarios, results);
  } finally {
    for (const server of servers) {
      server.child.kill('SIGTERM');
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

const cell = (value, width) => value.toFixed(value < 10 ? 2 : 0).padStart(width);

/**
 * Verdicts on the ratio of median req/s to nginx's, for each Node server. Also printed: the median of per-round
 * ratios (each pair measured back to back, so load from other processes during a round falls on both), and requests
 * per CPU-second of the serving process, which a busy machine disturbs far less than req/s: it is what each server
 * would do with a core of its own.
 */
function report(scenarios, results) {
  const names = Object.keys(results.get(scenarios[0].name));
  const header = `${'server'.padEnd(14)}${'req/s'.padStart(9)}${'ratio'.padStart(8)}${'per-round'.padStart(11)}${'req/CPU-s'.padStart(11)}${'ratio'.padStart(8)}  verdict (>= ${TARGET})`;
  for (const scenario of scenarios) {
    const byServer = results.get(scenario.name);
    const rate = (name) => byServer[name].map((result) => result.rate);
    const capacity = (name) => median(byServer[name].map((result) => result.perCpuSecond));
    print();
    print(`${scenario.name} (medians)`);
    print(header);
    for (const name of names) {
      const ratio = median(rate(name)) / median(rate('nginx'));
      const paired = median(rate(name).map((value, round) => value / rate('nginx')[round]));
      const verdict = name === 'nginx' ? '' : ratio >= TARGET ? 'PASS' : 'FAIL';
      print(`${name.padEnd(14)}${cell(median(rate(name)), 9)}${cell(ratio, 8)}${cell(paired, 11)}${cell(capacity(name), 11)}${cell(capacity(name) / capacity('nginx'), 8)}  ${verdict}`);
    }
  }
  print();
  for (const scenario of scenarios) {
    for (const name of names) {
      print(`  ${scenario.name.slice(0, 3)} ${name.padEnd(11)} req/s [${results.get(scenario.name)[name].map((result) => result.rate.toFixed(0)).join(', ')}]`);
    }
  }
  print(`load average at the end: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
}

if (APP) {
  await withBenchDatabase(benchServices(flags).postgresUrl, main);
} else {
  await main();
}
