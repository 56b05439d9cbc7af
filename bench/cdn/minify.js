// node_modules/.bin/node bench/cdn/minify.js [-- --rounds=7 --passes=2 --dist=dist] (after `nest build`): throughput of
// our minifyScript / minifyCss (src/modules/cdn/optimize, built) against esbuild's `transform` called directly with the
// same options (SCRIPT_MINIFY_OPTIONS / CSS_MINIFY_OPTIONS), on real files from node_modules. Each round minifies the
// whole corpus `--passes` times with each side, sequentially (one call awaited after the other), the two sides' calls
// on a file made back to back with the side that goes first alternating. The table shows each side's median round,
// and the overhead is the median over rounds of (our time / esbuild's time in that round) - 1, so the machine's slow
// moments fall on both sides alike.
// Target: overhead <= 10%. Not a test: it prints numbers and a PASS/FAIL line, and exits 0 either way.
import { transform, version as esbuildVersion } from 'esbuild';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

import { benchFlags } from '../support/bench-flags.js';

const flags = benchFlags();
const ROUNDS = Number(flags.rounds ?? 7);
const PASSES = Number(flags.passes ?? 2);
const DIST = flags.dist ?? 'dist';
const TARGET_OVERHEAD = 0.1;

const optimize = await import(join(resolve(DIST), 'src/modules/cdn/optimize/index.js'));

const SCRIPTS = ['rxjs/dist/bundles/rxjs.umd.js', 'lodash/lodash.js', 'esbuild/lib/main.js', 'ajv/dist/compile/index.js', 'commander/lib/command.js'];
const STYLESHEETS = [
  'swagger-ui-dist/swagger-ui.css',
  'istanbul-reports/lib/html/assets/base.css',
  'istanbul-reports/lib/html-spa/assets/spa.css',
  'playwright-core/lib/vite/htmlReport/report.css',
  'playwright-core/lib/vite/traceViewer/uiMode.CyMfwkXJ.css',
  'js-md4/doc/styles/jsdoc-default.css',
];

/** The corpus files that exist here, as Buffers (what optimizeAsset hands the minifiers). */
function corpus(paths) {
  return paths.flatMap((path) => {
    try {
      return [{ path, body: readFileSync(join('node_modules', path)) }];
    } catch {
      return [];
    }
  });
}

const SIDES = {
  js: { files: corpus(SCRIPTS), ours: optimize.minifyScript, direct: async (body) => (await transform(body, optimize.SCRIPT_MINIFY_OPTIONS)).code },
  css: { files: corpus(STYLESHEETS), ours: optimize.minifyCss, direct: async (body) => (await transform(body, optimize.CSS_MINIFY_OPTIONS)).code },
};

/**
 * One round: every file `PASSES` times, each call made by both sides back to back (which side goes first alternates
 * call by call), so both see the same moment of a shared machine. Returns each side's total milliseconds.
 */
async function round(files, sides, flip) {
  const total = { ours: 0, direct: 0 };
  let call = flip ? 1 : 0;
  for (let pass = 0; pass < PASSES; pass++) {
    for (const { body } of files) {
      for (const side of call++ % 2 === 0 ? ['ours', 'direct'] : ['direct', 'ours']) {
        const started = performance.now();
        await sides[side](body);
        total[side] += performance.now() - started;
      }
    }
  }
  return total;
}

const print = (line = '') => process.stdout.write(`${line}\n`);
const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const middle = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mb = (bytes) => bytes / 1_000_000;

print(`CDN minify benchmark: ${ROUNDS} rounds × ${PASSES} passes, sequential calls, esbuild ${esbuildVersion}, Node ${process.version}`);
print(`load average at start: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
for (const [language, { files }] of Object.entries(SIDES)) {
  print(`${language} corpus: ${files.map(({ path, body }) => `${path} (${fmt(body.length / 1024)} KiB)`).join(', ')}`);
}
print();

// Warm-up: the esbuild child process, JIT, and a check that both sides produce the same code.
for (const { files, ours, direct } of Object.values(SIDES)) {
  for (const { path, body } of files) {
    if ((await ours(body)).toString() !== (await direct(body))) {
      throw new Error(`ours and esbuild differ on ${path}`);
    }
  }
}

print('| language | side | MB/s (median round) | ms per round (median) | overhead (median of per-round ratios) | target <= 10% |');
print('| --- | --- | ---: | ---: | ---: | --- |');
let allPass = true;
for (const [language, { files, ours, direct }] of Object.entries(SIDES)) {
  const bytes = files.reduce((total, { body }) => total + body.length, 0) * PASSES;
  const times = { ours: [], direct: [] };
  for (let index = 0; index < ROUNDS; index++) {
    const { ours: oursMs, direct: directMs } = await round(files, { ours, direct }, index % 2 === 1);
    times.ours.push(oursMs);
    times.direct.push(directMs);
  }
  const overhead = middle(times.ours.map((ms, round) => ms / times.direct[round])) - 1;
  const pass = overhead <= TARGET_OVERHEAD;
  allPass &&= pass;
  for (const side of ['direct', 'ours']) {
    const ms = middle(times[side]);
    const label = side === 'ours' ? 'ours (minify' + (language === 'js' ? 'Script' : 'Css') + ')' : 'esbuild.transform direct';
    const verdict = side === 'ours' ? `${fmt(overhead * 100, 1)}%` : '';
    print(`| ${language} | ${label} | ${fmt(mb(bytes) / (ms / 1000), 2)} | ${fmt(ms, 1)} | ${verdict} | ${side === 'ours' ? (pass ? 'PASS' : 'FAIL') : ''} |`);
  }
}
print();
print(`load average at end: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
print(allPass ? 'PASS: minification overhead within 10% of esbuild called directly' : 'FAIL: minification overhead above 10%');
