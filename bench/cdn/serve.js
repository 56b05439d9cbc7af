// node bench/cdn/serve.js [--seconds=5 --rounds=5 --connections=50]   (after `nest build`; needs wrk and nginx-light)
// req/s of one ~10 KB gzip-precompressed asset (200) and of its revalidation (304, If-None-Match), served on
// loopback by nginx (one worker, gzip_static on) and by Bulwark's /cdn/* handler in its own process, from the same
// files. Rounds interleave the servers so background load falls on both alike; each figure is the median of its
// rounds. Target: ours >= 0.8 × nginx for both. Not a test: it prints numbers and a verdict, and exits 0.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { Buffer } from 'node:buffer';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { benchFlags } from '../support/bench-flags.js';

const flags = benchFlags();
const SECONDS = Number(flags.seconds ?? 5);
const ROUNDS = Number(flags.rounds ?? 5);
const CONNECTIONS = Number(flags.connections ?? 50);
const TARGET = 0.8;
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

function writeFiles(dir) {
  const script = realLookingScript();
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

async function startOurs(dir, hash) {
  const child = spawn(process.execPath, [join(ROOT_DIR, 'bench/cdn/server.js'), join(dir, 'root'), hash, NAME], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  for await (const chunk of child.stdout) {
    output += String(chunk);
    const ready = /READY (\d+)/.exec(output);
    if (ready) {
      return { name: 'bulwark', child, port: Number(ready[1]) };
    }
  }
  throw new Error('bench/cdn/server.js exited before listening');
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

/** One wrk run: req/s, failing loudly on socket errors or unexpected statuses. */
function wrk(port, path, headers) {
  const args = ['-t1', `-c${CONNECTIONS}`, `-d${SECONDS}s`, ...Object.entries(headers).flatMap(([key, value]) => ['-H', `${key}: ${value}`]), `http://127.0.0.1:${port}${path}`];
  const output = execFileSync('wrk', args, { encoding: 'utf8' });
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(output);
  if (rate === null || /Non-2xx or 3xx/.test(output) || /Socket errors/.test(output)) {
    throw new Error(`wrk on ${port}${path}:\n${output}`);
  }
  return Number(rate[1]);
}

const print = (line = '') => process.stdout.write(`${line}\n`);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function main() {
  if (spawnSync('wrk', ['--version']).error) {
    throw new Error('wrk is not installed (apt-get install -y wrk)');
  }
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-cdn-bench-'));
  const servers = [];
  try {
    const files = writeFiles(dir);
    const path = `/cdn/${files.hash}/${NAME}`;
    const gzipBytes = readFileSync(join(dir, 'root', 'cdn', files.hash, `${NAME}.gz`));
    servers.push(await startNginx(dir), await startOurs(dir, files.hash));
    const etags = {};
    for (const server of servers) {
      const { etag, headers } = await preflight(server, path, gzipBytes);
      etags[server.name] = etag;
      print(`${server.name}: ETag ${etag}, ${headers['content-type']}, ${headers['content-length']} bytes gzip`);
    }
    print(`load average at start: ${loadavg().map((n) => n.toFixed(2)).join(' ')}; Node ${process.version}`);
    print(`asset: ${files.size} bytes, ${files.gzipSize} bytes gzip -9; wrk -t1 -c${CONNECTIONS}, ${ROUNDS} rounds × ${SECONDS} s per server and scenario`);
    const scenarios = [
      { name: '200 gzip (precompressed, ETag)', headers: () => ({ 'Accept-Encoding': 'gzip' }) },
      { name: '304 If-None-Match', headers: (server) => ({ 'Accept-Encoding': 'gzip', 'If-None-Match': etags[server.name] }) },
    ];
    const rates = new Map(scenarios.map((scenario) => [scenario.name, { nginx: [], bulwark: [] }]));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const scenario of scenarios) {
        const order = round % 2 === 0 ? servers : [...servers].reverse();
        for (const server of order) {
          rates.get(scenario.name)[server.name].push(wrk(server.port, path, scenario.headers(server)));
        }
      }
    }
    report(scenarios, rates);
  } finally {
    for (const server of servers) {
      server.child.kill('SIGTERM');
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(scenarios, rates) {
  print();
  print(`${'scenario'.padEnd(34)}${'nginx req/s'.padStart(13)}${'bulwark req/s'.padStart(15)}${'ratio'.padStart(8)}  verdict (>= ${TARGET})`);
  for (const scenario of scenarios) {
    const { nginx, bulwark } = rates.get(scenario.name);
    const ratio = median(bulwark) / median(nginx);
    print(
      `${scenario.name.padEnd(34)}${median(nginx).toFixed(0).padStart(13)}${median(bulwark).toFixed(0).padStart(15)}${ratio.toFixed(2).padStart(8)}  ${ratio >= TARGET ? 'PASS' : 'FAIL'}`,
    );
    print(`  rounds nginx [${nginx.map((rate) => rate.toFixed(0)).join(', ')}]  bulwark [${bulwark.map((rate) => rate.toFixed(0)).join(', ')}]`);
  }
}

await main();
