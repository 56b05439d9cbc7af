// node bench/threat/engine-alloc.js [--dist=dist --requests=20000 --part=engine|screen|flatten --top=20]: bytes the
// threat engine allocates per typical request (4,096 varied requests, see typical-request.js, parsed up front), and
// which functions allocate them. V8's sampling heap profiler, told to keep the objects minor and major GCs collect,
// so short-lived garbage counts too (`node --heap-prof` reports only what survives). --part=screen runs the engine with
// no detectors (inert test, memo, normalisation), --part=flatten only flattenRequest. In a server every allocated
// byte is a fresh cache line written between two requests, which is why this is worth watching (see BENCHMARKS.md,
// "Allocation per request"). Not a test: it prints numbers, it asserts nothing.
import { Session } from 'node:inspector/promises';
import { join, resolve } from 'node:path';

import { benchFlags } from '../support/bench-flags.js';
import { parseRequest, requestTexts } from './cold-requests.js';

const flags = benchFlags();
const DIST = resolve(flags.dist ?? 'dist', 'src/modules/threat');
const REQUESTS = Number(flags.requests ?? 20_000);
const PART = flags.part ?? 'engine';
const TOP = Number(flags.top ?? 20);

const { flattenRequest, inspect, ValueMemo } = await import(join(DIST, 'engine/index.js'));
const { DETECTORS, isInertValue } = await import(join(DIST, 'detectors/registry.js'));

const requests = requestTexts(4096).map(parseRequest);
const options = { paranoia: 1, detectors: PART === 'screen' ? [] : DETECTORS, inert: isInertValue, memo: new ValueMemo(10_000) };
let fields = 0;

function run(count) {
  fields = 0;
  for (let i = 0; i < count; i++) {
    const { values } = flattenRequest(requests[i % requests.length]);
    fields += values.length;
    if (PART !== 'flatten') {
      inspect(values, options);
    }
  }
}

run(REQUESTS); // warm-up: JIT, memo
const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', { samplingInterval: 512, includeObjectsCollectedByMinorGC: true, includeObjectsCollectedByMajorGC: true });
run(REQUESTS);
const { profile } = await session.post('HeapProfiler.stopSampling');
session.disconnect();

/** Bytes by allocating function; builtins (empty url) are charged to the script function that called them. */
const bytes = new Map();
function charge(node, caller) {
  const { functionName, url, lineNumber } = node.callFrame;
  const site = url === '' ? caller : `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
  bytes.set(site, (bytes.get(site) ?? 0) + node.selfSize);
  for (const child of node.children) {
    charge(child, site);
  }
}
charge(profile.head, '(root)');
const total = [...bytes.values()].reduce((sum, n) => sum + n, 0);
const rows = [...bytes].sort((a, b) => b[1] - a[1]).slice(0, TOP);
process.stdout.write(
  `threat engine (--part=${PART}), ${REQUESTS} varied requests of ${Math.round(fields / REQUESTS)} fields: ${(total / REQUESTS / 1024).toFixed(1)} KB allocated per request (sampled every 512 bytes)\n\n` +
    `| allocating function | bytes per request |\n| --- | ---: |\n${rows.map(([site, n]) => `| ${site} | ${Math.round(n / REQUESTS)} |`).join('\n')}\n`,
);
