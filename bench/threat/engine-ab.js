// node bench/threat/engine-ab.js --base=DIR [--dist=dist --rounds=12 --evict-kb=1024 --part=engine|inert]: the threat
// engine of two builds in one process, on the same varied requests, in alternating rounds; prints each build's median
// and the ratio. DIR is another build's dist (e.g. a git worktree of the previous commit, built there). One process
// and alternating rounds keep machine noise off the comparison (about ±3% on the whole engine on a 2-vCPU VM, against
// ±5% or more between separate processes). As engine.js's evicted lines do, each request is parsed afresh and
// --evict-kb of memory is read before it, untimed, so that the figures include what an HTTP stack's work between two
// requests does to the CPU caches. --part=inert times flattenRequest and the inert-value test over its values only. Not a
// test: it prints numbers, it asserts nothing.
import { join, resolve } from 'node:path';

import { benchFlags } from '../support/bench-flags.js';
import { cacheEvictor, requestTexts, timeCold } from './cold-requests.js';

const flags = benchFlags();
if (flags.base === undefined) {
  throw new Error('--base=DIR: the dist folder of the build to compare against');
}
const ROUNDS = Number(flags.rounds ?? 12);
const EVICT_KB = Number(flags['evict-kb'] ?? 1024);
const PART = flags.part ?? 'engine';
const REQUESTS = 4096;

async function loadBuild(dist) {
  const threat = join(resolve(dist), 'src/modules/threat');
  const { flattenRequest, inspect, ValueMemo } = await import(join(threat, 'engine/index.js'));
  const { DETECTORS, isInertValue } = await import(join(threat, 'detectors/registry.js'));
  const memo = new ValueMemo(10_000);
  const options = { paranoia: 1, detectors: DETECTORS, inert: isInertValue, memo };
  const inertCount = (values) => values.filter(({ key, value }) => key !== true && isInertValue(value)).length;
  return PART === 'inert' ? (request) => inertCount(flattenRequest(request).values) : (request) => inspect(flattenRequest(request).values, options).score;
}

const requests = requestTexts(REQUESTS);
const evictCaches = cacheEvictor(EVICT_KB);

/** µs per request of `work` over every request once, caches evicted and the request parsed before each, untimed. */
function round(work) {
  let spent = 0;
  for (const texts of requests) {
    spent += timeCold(work, texts, evictCaches);
  }
  return (spent * 1000) / requests.length;
}

const builds = { base: await loadBuild(flags.base), new: await loadBuild(flags.dist ?? 'dist') };
for (let warm = 0; warm < 3; warm++) {
  round(builds.base);
  round(builds.new);
}
const times = { base: [], new: [] };
for (let r = 0; r < ROUNDS; r++) {
  for (const side of r % 2 === 0 ? ['base', 'new'] : ['new', 'base']) {
    times[side].push(round(builds[side]));
  }
}
const median = (list) => [...list].sort((a, b) => a - b)[list.length >> 1];
const line = (side) => `${side.padEnd(4)} median ${median(times[side]).toFixed(1).padStart(6)} µs/request, min ${Math.min(...times[side]).toFixed(1).padStart(6)}`;
process.stdout.write(
  `threat ${PART === 'inert' ? 'flatten + inert-value test' : 'engine (paranoia 1, memo)'}, ${REQUESTS} varied requests, ${ROUNDS} alternating rounds, ${EVICT_KB} KB evicted before each request\n` +
    `${line('base')}  (${flags.base})\n${line('new')}  (${flags.dist ?? 'dist'})\nnew/base ${(median(times.new) / median(times.base)).toFixed(3)}\n`,
);
