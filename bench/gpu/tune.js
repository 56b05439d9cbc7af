// node_modules/.bin/node bench/gpu/tune.js [-- --rounds=3 --runs=30 --budget=0.05 --dist=dist] (after `nest build`):
// The tuning engine that POST /v1/models/:id/benchmarks and /auto-optimize run, on one 1024 -> 4096 -> 1024 MLP
// (seeded He weights): fp32 and the basic/advanced/ultra levels x CPU and CUDA (CUDA is probed and skipped with
// onnxruntime's reason where it cannot load) x 1 and 2 intra-op threads x batch 1 and 32, each session in its own
// child process. The whole run is repeated `--rounds` times and every figure is the median over the rounds, so one
// slow moment of a shared machine does not decide a ranking; speed-ups are against fp32 in the same configuration
// and the same round. Then the Pareto set and auto-optimise's pick per objective within `--budget`, with its trace.
// Not a test: it prints numbers and exits 0.
import { join, resolve } from 'node:path';

import { benchFlags } from '../support/bench-flags.js';

const flags = benchFlags();
const ROUNDS = Number(flags.rounds ?? 3);
const RUNS = Number(flags.runs ?? 30);
const BUDGET = Number(flags.budget ?? 0.05);
const DIST = resolve(flags.dist ?? 'dist');
const load = (path) => import(join(DIST, path));

const { MetricsRegistry } = await load('libs/common/src/index.js');
const { buildMlpModel } = await load('src/modules/gpu/onnx/mlp-model.builder.js');
const { encodeModel } = await load('src/modules/gpu/onnx/onnx-proto.js');
const { TuningEngine } = await load('src/modules/gpu/tuning/engine/tuning-engine.service.js');
const { ExecutionProviderProbe } = await load('src/modules/gpu/tuning/engine/execution-provider.probe.js');
const { BenchmarkProcess } = await load('src/modules/gpu/tuning/runner/benchmark-process.js');
const { TuningMetrics } = await load('src/modules/gpu/tuning/tuning.metrics.js');
const { rankMeasurements } = await load('src/modules/gpu/tuning/analysis/measurement-pareto.js');
const { pickPerObjective } = await load('src/modules/gpu/tuning/analysis/objective-picks.js');

const print = (line = '') => process.stdout.write(`${line}\n`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const processes = new BenchmarkProcess();
const engine = new TuningEngine(processes, new TuningMetrics(new MetricsRegistry()), new ExecutionProviderProbe(processes));
const model = encodeModel(buildMlpModel({ seed: 1, sizes: [1024, 4096, 1024] }));
const request = { batchSizes: [1, 32], candidates: ['fp32', 'basic', 'advanced', 'ultra'], graphOptimizationLevels: ['all'], providers: ['cpu', 'cuda'], runs: RUNS, seed: 3, threads: [1, 2] };

const rounds = [];
for (let round = 0; round < ROUNDS; round++) {
  rounds.push((await engine.run(model, request, () => Promise.resolve())).report);
  process.stderr.write(`round ${round + 1}/${ROUNDS} done\n`);
}
const [first] = rounds;
const MEDIAN_FIELDS = ['meanMs', 'p50Ms', 'p95Ms', 'p99Ms', 'throughputPerSecond', 'sessionMemoryBytes', 'loadMs', 'speedupVsReference'];
const measurements = rankMeasurements(
  first.measurements.map((m) => {
    const same = rounds.map((report) => report.measurements.find((other) => other.id === m.id)).filter(Boolean);
    return { ...m, ...Object.fromEntries(MEDIAN_FIELDS.map((field) => [field, median(same.map((other) => other[field]))])) };
  }),
);

for (const provider of first.providers) {
  print(`${provider.provider}: ${provider.available ? 'available' : `unavailable (${provider.reason})`}`);
}
print(`MLP 1024-4096-1024 (${(model.byteLength / 1e6).toFixed(1)} MB), ${ROUNDS} rounds x ${RUNS} runs per batch, medians over rounds`);
const rows = measurements.map((m) => ({
  candidate: m.candidate,
  threads: m.threads,
  batch: m.batch,
  'p50 ms': m.p50Ms.toFixed(3),
  'p95 ms': m.p95Ms.toFixed(3),
  'p99 ms': m.p99Ms.toFixed(3),
  'items/s': m.throughputPerSecond.toFixed(0),
  'vs fp32': `${m.speedupVsReference.toFixed(2)}x`,
  'size MB': (m.modelBytes / 1e6).toFixed(2),
  'session MB': (m.sessionMemoryBytes / 1e6).toFixed(0),
  'max rel error': m.maxRelError.toExponential(2),
  pareto: m.pareto ? 'yes' : `no (${m.dominatedBy})`,
}));
const columns = Object.keys(rows[0]);
const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => String(row[column]).length)));
const line = (cells) => cells.map((cell, i) => String(cell).padEnd(widths[i])).join('  ');
print(line(columns));
for (const row of rows) {
  print(line(columns.map((column) => row[column])));
}
const trace = [];
const picks = pickPerObjective(measurements, ['latency', 'throughput', 'size'], BUDGET, trace);
print();
print(`auto-optimise, accuracy budget ${BUDGET}:`);
for (const entry of trace) {
  print(`  [${entry.step}] ${entry.message}`);
}
for (const pick of picks) {
  const ratio = pick.value === null || pick.referenceValue === null ? 'n/a' : pick.objective === 'throughput' ? (pick.value / pick.referenceValue).toFixed(2) : (pick.referenceValue / pick.value).toFixed(2);
  print(`  ${pick.objective}: ${pick.measurementId ?? 'nothing'} (${ratio}x better than fp32 at its best)`);
}
