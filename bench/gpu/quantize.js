// node_modules/.bin/node bench/gpu/quantize.js [-- --rounds=9 --runs=20 --threads=2 --dist=dist] (after `nest build`):
// CPU inference latency of one 1024 -> 4096 -> 1024 MLP (seeded He weights) at batch 32 in onnxruntime-node, fp32
// against our dynamic INT8 (MatMulInteger), weight-only INT8 (DequantizeLinear) and blocked INT4 (MatMulNBits, with
// and without accuracy_level 4) rewrites of it. All sessions are open at once; each round runs every model `--runs` times with the order of
// the models rotating round by round, so the machine's slow moments fall on all of them. A model's latency is the
// median over all its runs (p50); the speed-up is fp32's p50 over its p50, measured in the same run. Each rewrite's
// accuracy against fp32 on the same input is printed too. Not a test: it prints numbers and exits 0.
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

import { benchFlags } from '../support/bench-flags.js';

const flags = benchFlags();
const ROUNDS = Number(flags.rounds ?? 9);
const RUNS = Number(flags.runs ?? 20);
const THREADS = flags.threads === undefined ? undefined : Number(flags.threads);
const DIST = flags.dist ?? 'dist';
const BATCH = 32;

const passes = await import(join(resolve(DIST), 'src/modules/gpu/passes/index.js'));
const { encodeModel } = await import(join(resolve(DIST), 'src/modules/gpu/onnx/onnx-proto.js'));

const fp32 = passes.buildMlpModel({ batch: BATCH, seed: 1, sizes: [1024, 4096, 1024] });
const variants = [
  { name: 'fp32', model: fp32 },
  { name: 'dynamic INT8', model: passes.dynamicInt8Pass(fp32, {}).model },
  { name: 'weight-only INT8', model: passes.weightOnlyInt8Pass(fp32).model },
  { name: 'INT4 block 32', model: passes.int4BlockedPass(fp32, { blockSize: 32 }).model },
  { name: 'INT4 block 32, accuracy_level 4', model: passes.int4BlockedPass(fp32, { accuracyLevel: 4, blockSize: 32 }).model },
];
const runner = new passes.OrtRunner();
const feeds = passes.seededInputs(fp32, { batch: BATCH, seed: 3 });
const options = THREADS === undefined ? {} : { threads: THREADS };

const print = (line = '') => process.stdout.write(`${line}\n`);

const sessions = [];
for (const variant of variants) {
  const bytes = encodeModel(variant.model);
  try {
    const session = await runner.open(bytes, options);
    sessions.push({ ...variant, bytes: bytes.length, outputs: await session.run(feeds), session, times: [] });
  } catch (error) {
    print(`${variant.name}: onnxruntime refused it (${error instanceof Error ? error.message : String(error)}), left out`);
  }
}

for (let round = 0; round < ROUNDS; round++) {
  for (let offset = 0; offset < sessions.length; offset++) {
    const entry = sessions[(round + offset) % sessions.length];
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      await entry.session.run(feeds);
      entry.times.push(performance.now() - start);
    }
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const reference = sessions.find((entry) => entry.name === 'fp32');
const base = median(reference.times);
const rows = sessions.map((entry) => {
  const [error] = passes.compareOutputs(reference.outputs, entry.outputs, Infinity);
  const p50 = median(entry.times);
  return {
    model: entry.name,
    'size MB': (entry.bytes / 1e6).toFixed(1),
    'p50 ms': p50.toFixed(2),
    'speed-up vs fp32': `${(base / p50).toFixed(2)}x`,
    'max rel error': error.maxRelError.toExponential(2),
  };
});
print(`MLP 1024-4096-1024, batch ${BATCH}, ${ROUNDS} rounds x ${RUNS} runs, threads ${THREADS ?? 'ORT default'}`);
const columns = Object.keys(rows[0]);
const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => String(row[column]).length)));
const line = (cells) => cells.map((cell, i) => String(cell).padEnd(widths[i])).join('  ');
print(line(columns));
rows.forEach((row) => print(line(columns.map((column) => row[column]))));
for (const entry of sessions) {
  await entry.session.release();
}
