// node bench/threat/native-scan.js [--seconds=1] (after npm run build): what moving the engine's per-value work into
// native code would buy. Compiles native-scan.c (one table-driven pass over a value, behind Node-API) with the
// machine's C compiler against the pinned Node's headers, then times, per field of 2,000 varied typical requests
// (typical-request.js): that native pass, the same pass in JavaScript, and the engine's inert-value test (the least
// the engine does to a value). Not a test: it prints numbers, it asserts nothing, and it says so and stops when no C
// compiler or Node-API headers are found.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { benchFlags } from '../support/bench-flags.js';
import { typicalBody, typicalQuery } from './typical-request.js';

const SECONDS = Number(benchFlags().seconds ?? 1);
const DIST = join(process.cwd(), 'dist', 'src/modules/threat');
const HEADER_DIRS = [
  join(process.cwd(), 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`, 'include', 'node'),
  join(dirname(dirname(process.execPath)), 'include', 'node'),
  '/usr/include/node',
];

const headers = HEADER_DIRS.find((dir) => existsSync(join(dir, 'node_api.h')));
if (headers === undefined) {
  process.stdout.write(`native-scan: no node_api.h in ${HEADER_DIRS.join(', ')}; nothing measured\n`);
  process.exit(0);
}
const buildDir = mkdtempSync(join(tmpdir(), 'bulwark-native-scan-'));
const addon = join(buildDir, 'native-scan.node');
try {
  execFileSync('cc', ['-O2', '-shared', '-fPIC', `-I${headers}`, '-DNAPI_VERSION=8', new URL('./native-scan.c', import.meta.url).pathname, '-o', addon], { stdio: 'pipe' });
} catch (error) {
  process.stdout.write(`native-scan: could not compile native-scan.c (${error.message.split('\n')[0]}); nothing measured\n`);
  process.exit(0);
}
const { scan: nativeScan } = createRequire(import.meta.url)(addon);
rmSync(buildDir, { recursive: true, force: true });

const { flattenRequest } = await import(join(DIST, 'engine/index.js'));
const { isInertValue } = await import(join(DIST, 'detectors/registry.js'));

const CHARACTER_CLASS = Uint8Array.from({ length: 256 }, (_, code) => (code >= 0x61 && code <= 0x7a ? 1 : code >= 0x30 && code <= 0x39 ? 2 : 4));

/** The pass native-scan.c makes, in JavaScript. */
function scriptScan(value) {
  let classes = 0;
  let hash = 2166136261;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i) & 0xff;
    classes |= CHARACTER_CLASS[code];
    hash = Math.imul(hash ^ code, 16777619);
  }
  return classes ^ (hash & 1);
}

const requests = Array.from({ length: 2000 }, (_, i) => flattenRequest({ query: typicalQuery(i + 1), body: JSON.parse(JSON.stringify(typicalBody(i + 1))) }).values.map(({ value }) => value));
const fields = requests.reduce((sum, values) => sum + values.length, 0);
const characters = requests.reduce((sum, values) => sum + values.reduce((n, value) => n + value.length, 0), 0);

/** Nanoseconds per field of `work` over every field of every request, after a warm-up round. */
function nanosecondsPerField(work) {
  let sink = 0;
  const round = () => {
    for (const values of requests) {
      for (const value of values) {
        sink += work(value) ? 1 : 0;
      }
    }
  };
  round();
  let rounds = 0;
  const start = performance.now();
  while (performance.now() - start < SECONDS * 1000) {
    round();
    rounds++;
  }
  return sink >= 0 ? ((performance.now() - start) * 1e6) / (rounds * fields) : NaN;
}

const rows = [
  ['one table-driven pass in C, behind Node-API', nanosecondsPerField(nativeScan)],
  ['the same pass in JavaScript', nanosecondsPerField(scriptScan)],
  ['the engine\'s inert-value test (`isInertValue`)', nanosecondsPerField(isInertValue)],
];
const base = rows[1][1];
process.stdout.write(`| per field (${(characters / fields).toFixed(0)} characters on average) | ns | × the JavaScript pass |\n| --- | ---: | ---: |\n`);
for (const [label, ns] of rows) {
  process.stdout.write(`| ${label} | ${ns.toFixed(0)} | ${(ns / base).toFixed(1)} |\n`);
}
process.stdout.write(`\nnode ${process.version}, ${fields / requests.length} fields per request, ${requests.length} requests, ${SECONDS} s per row\n`);
