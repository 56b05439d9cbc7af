// npm run bench:threat:engine [-- --seconds=2 --paranoia=1 --dist=dist --evict-kb=1024]: the threat engine alone, in
// process, on one core. Prints inspections/s of the typical request (10 query parameters and a 1 KB JSON body, see
// typical-request.js), the same request with a few attack values mixed in, and MB/s over 64 KB benign fields.
// The baseline, measured in the same run, is what any JSON API already pays for that request: JSON.parse of its
// body plus flattenRequest of query and body; the ratio says how many times that the engine costs. The "caches
// evicted" lines model a server, where the HTTP stack's own work between two requests pushes the engine's code and
// data out of the CPU caches: --evict-kb of memory is read between requests, outside the timed part. Not a test: it
// prints numbers, it asserts nothing.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { benchFlags } from '../support/bench-flags.js';
import { cacheEvictor, requestTexts, timeCold } from './cold-requests.js';
import { typicalBody, typicalQuery } from './typical-request.js';

const flags = benchFlags();
const SECONDS = Number(flags.seconds ?? 2);
const PARANOIA = Number(flags.paranoia ?? 1);
const DIST = join(process.cwd(), flags.dist ?? 'dist', 'src/modules/threat');
const EVICT_KB = Number(flags['evict-kb'] ?? 1024);

const { flattenRequest, inspect, ValueMemo } = await import(join(DIST, 'engine/index.js'));
// isInertValue is undefined in builds from before the engine's inert-value fast path (--dist of an older build).
const { DETECTORS, isInertValue } = await import(join(DIST, 'detectors/registry.js'));

const FIELD_BYTES = 64 * 1024;
const ATTACKS = ["1' OR '1'='1' --", '<script>alert(document.cookie)</script>', '; cat /etc/passwd', '../../../../etc/shadow', '{{7*7}}'];
const OPTIONS = { paranoia: PARANOIA, detectors: DETECTORS, inert: isInertValue };

/** Runs `work` for about SECONDS (after a warm-up) and returns calls per second. */
function rate(work) {
  const warmUntil = performance.now() + 300;
  while (performance.now() < warmUntil) {
    work();
  }
  let calls = 0;
  const start = performance.now();
  let now = start;
  while (now - start < SECONDS * 1000) {
    for (let i = 0; i < 64; i++) {
      work();
    }
    calls += 64;
    now = performance.now();
  }
  return calls / ((now - start) / 1000);
}

function repeatTo(unit, bytes) {
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

const bodyText = JSON.stringify(typicalBody());
const query = typicalQuery();
const typical = flattenRequest({ query, body: JSON.parse(bodyText) }).values;
const withAttacks = typical.map((field, i) => (i % 5 === 0 ? { ...field, value: ATTACKS[(i / 5) % ATTACKS.length] } : field));

// Varied traffic: each request has its own ids, dates and free text; field names and enum-like values repeat.
const VARIED = Array.from({ length: 4096 }, (_, seed) => ({ query: typicalQuery(seed + 1), bodyText: JSON.stringify(typicalBody(seed + 1)) }));
let cursor = 0;
const nextVaried = () => VARIED[cursor++ % VARIED.length];
const memo = new ValueMemo(10_000);

const baseline = rate(() => flattenRequest({ query, body: JSON.parse(bodyText) }));
const variedBaseline = rate(() => {
  const request = nextVaried();
  flattenRequest({ query: request.query, body: JSON.parse(request.bodyText) });
});
const variedNoMemo = rate(() => {
  const request = nextVaried();
  inspect(flattenRequest({ query: request.query, body: JSON.parse(request.bodyText) }).values, OPTIONS);
});
const variedMemo = rate(() => {
  const request = nextVaried();
  inspect(flattenRequest({ query: request.query, body: JSON.parse(request.bodyText) }).values, { ...OPTIONS, memo });
});

const COLD = requestTexts(VARIED.length);
const evictCaches = cacheEvictor(EVICT_KB);

/**
 * µs per varied request of `work`, given the request as a server holds it: parsed afresh (a fresh string's hash is
 * computed on first use), caches evicted before it. Only `work` is timed, after about 300 ms of warm-up.
 */
function coldMicros(work) {
  const run = (milliseconds) => {
    let spent = 0;
    let calls = 0;
    for (const until = performance.now() + milliseconds; performance.now() < until; calls++) {
      spent += timeCold(work, COLD[calls % COLD.length], evictCaches);
    }
    return (spent * 1000) / calls;
  };
  run(300);
  return run(SECONDS * 1000);
}

const coldMemo = new ValueMemo(10_000);
const coldBaseline = coldMicros((request) => flattenRequest(request));
const coldInspect = coldMicros((request) => inspect(flattenRequest(request).values, { ...OPTIONS, memo: coldMemo }));
const requests = rate(() => inspect(flattenRequest({ query, body: JSON.parse(bodyText) }).values, OPTIONS));
const inspectOnly = rate(() => inspect(typical, OPTIONS));
const attacked = rate(() => inspect(withAttacks, OPTIONS));

const print = (line) => process.stdout.write(`${line}\n`);
const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
print(`threat engine, paranoia ${PARANOIA}, ${DETECTORS.length} detectors, ${typical.length} fields per typical request (${bodyText.length} B body)`);
print(`  baseline (JSON.parse + flattenRequest)   ${fmt(baseline).padStart(10)} req/s  ${fmt(1e6 / baseline, 1).padStart(7)} µs/req`);
print(`  typical request (parse+flatten+inspect) ${fmt(requests).padStart(10)} req/s  ${fmt(1e6 / requests, 1).padStart(7)} µs/req  ratio to baseline ${fmt(baseline / requests, 1)}x`);
print(`  typical request, inspect only           ${fmt(inspectOnly).padStart(10)} req/s  ${fmt(1e6 / inspectOnly, 1).padStart(7)} µs/req  (${fmt(inspectOnly * typical.length)} fields/s)`);
print(`  with ${Math.ceil(typical.length / 5)} attack values mixed in          ${fmt(attacked).padStart(10)} req/s  ${fmt(1e6 / attacked, 1).padStart(7)} µs/req`);
print(`varied requests (${VARIED.length} distinct: own ids, dates and free text per request)`);
print(`  baseline (JSON.parse + flattenRequest)   ${fmt(variedBaseline).padStart(10)} req/s  ${fmt(1e6 / variedBaseline, 1).padStart(7)} µs/req`);
print(`  inspect, no memo                         ${fmt(variedNoMemo).padStart(10)} req/s  ${fmt(1e6 / variedNoMemo, 1).padStart(7)} µs/req`);
print(`  inspect with the guard's value memo      ${fmt(variedMemo).padStart(10)} req/s  ${fmt(1e6 / variedMemo, 1).padStart(7)} µs/req  (memo hit rate ${fmt((100 * memo.hits) / (memo.hits + memo.misses), 1)}%)`);
print(`varied requests parsed afresh (query string and body), caches evicted between requests (${fmt(EVICT_KB)} KB read, not timed)`);
print(`  baseline (flattenRequest)                ${fmt(coldBaseline, 1).padStart(27)} µs/req`);
print(`  inspect with the guard's value memo      ${fmt(coldInspect, 1).padStart(27)} µs/req  (${fmt(coldInspect - coldBaseline, 1)} µs over the baseline; with warm caches above: ${fmt(1e6 / variedMemo - 1e6 / variedBaseline, 1)} µs)`);

const LONG_FIELDS = {
  'prose': repeatTo('We select the best products from our partners and update the catalogue weekly; prices include VAT. ', FIELD_BYTES),
  'base64': randomBytes(FIELD_BYTES).toString('base64').slice(0, FIELD_BYTES),
  'JSON text': repeatTo(JSON.stringify({ id: 42, name: 'Mary', tags: ['a', 'b'], ok: true }), FIELD_BYTES),
};
for (const [name, text] of Object.entries(LONG_FIELDS)) {
  const field = [{ location: 'body.text', value: text }];
  const perSecond = rate(() => inspect(field, OPTIONS));
  print(`  64 KB ${name.padEnd(10)} field                ${fmt((perSecond * text.length) / 1e6, 1).padStart(10)} MB/s`);
}
