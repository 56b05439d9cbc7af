import { MetricsRegistry } from '@app/common';

import { encodeModel } from '../../onnx/onnx-proto.js';
import { buildMlpModel } from '../../onnx/mlp-model.builder.js';
import type { TuningRequest } from '../plan/tuning-request.js';
import { BenchmarkProcess } from '../runner/benchmark-process.js';
import { TuningMetrics } from '../tuning.metrics.js';
import { ExecutionProviderProbe } from './execution-provider.probe.js';
import { TuningEngine } from './tuning-engine.service.js';

// Real benchmark children running onnxruntime-node on CPU: each session is a process of its own.
const REQUEST: TuningRequest = {
  batchSizes: [1, 4],
  candidates: ['fp32', 'advanced', 'ultra'],
  graphOptimizationLevels: ['all'],
  providers: ['cpu', 'cuda'],
  runs: 10,
  seed: 7,
  threads: [1],
};

describe('TuningEngine (benchmark children on onnxruntime-node)', () => {
  const processes = new BenchmarkProcess();
  const engine = new TuningEngine(processes, new TuningMetrics(new MetricsRegistry()), new ExecutionProviderProbe(processes));
  const mlp = encodeModel(buildMlpModel({ seed: 3, sizes: [64, 128, 32] }));

  it('measures every candidate at every batch, against the original on the same inputs, and marks the Pareto set', async () => {
    const progress: number[] = [];
    const { report, candidateBytes } = await engine.run(mlp, REQUEST, (percent) => {
      progress.push(percent);
      return Promise.resolve();
    });

    expect(report.measurements.map((m) => m.id)).toEqual(['fp32/cpu/all/t1/b1', 'fp32/cpu/all/t1/b4', 'advanced/cpu/all/t1/b1', 'advanced/cpu/all/t1/b4', 'ultra/cpu/all/t1/b1', 'ultra/cpu/all/t1/b4']);
    for (const m of report.measurements) {
      expect(m.runs).toBeGreaterThanOrEqual(5);
      expect(m.p50Ms).toBeGreaterThan(0);
      expect(m.p95Ms).toBeGreaterThanOrEqual(m.p50Ms);
      expect(m.p99Ms).toBeGreaterThanOrEqual(m.p95Ms);
      expect(Math.abs(m.throughputPerSecond - (m.batch * 1000) / m.meanMs) / m.throughputPerSecond).toBeLessThan(0.01);
      expect(m.sessionMemoryBytes).toBeGreaterThan(0);
    }
    const fp32 = report.measurements.filter((m) => m.candidate === 'fp32');
    expect(fp32.every((m) => m.maxRelError === 0 && m.speedupVsReference === 1)).toBe(true);
    const advanced = report.measurements.find((m) => m.candidate === 'advanced')!;
    expect(advanced.maxRelError).toBeGreaterThan(0);
    expect(advanced.maxRelError).toBeLessThan(0.06);
    expect(advanced.modelBytes).toBeLessThan(mlp.byteLength / 2);
    expect(report.measurements.some((m) => m.pareto)).toBe(true);
    for (const m of report.measurements.filter((one) => !one.pareto)) {
      expect(report.measurements.find((other) => other.id === m.dominatedBy)).toBeDefined();
    }
    expect(candidateBytes.get('fp32')).toBe(mlp);
    expect(candidateBytes.get('ultra')!.byteLength).toBe(report.candidates.find((c) => c.candidate === 'ultra')!.modelBytes);
    expect(progress.at(-1)).toBe(100);
    expect(progress).toHaveLength(4);
  }, 120_000);

  it('probes CUDA, says why it cannot be used, and measures on CPU without it', async () => {
    const { report } = await engine.run(mlp, { ...REQUEST, batchSizes: [1], candidates: ['fp32'] }, () => Promise.resolve());

    const cuda = report.providers.find((p) => p.provider === 'cuda')!;
    // onnxruntime-node's CUDA provider library comes from its postinstall download, which this project disables.
    expect(cuda).toMatchObject({ available: false, reason: expect.stringMatching(/libonnxruntime_providers_(shared|cuda)/) });
    expect(report.trace[1]?.message).toMatch(/^cuda: unavailable, not measured \(/);
    expect(report.measurements.every((m) => m.provider === 'cpu')).toBe(true);
  }, 60_000);

  it('skips a candidate whose passes find nothing to change, and says why', async () => {
    const constants = encodeModel(buildMlpModel({ seed: 3, sizes: [16, 8], weightsIn: 'constant' }));
    const { report } = await engine.run(constants, { ...REQUEST, batchSizes: [1], candidates: ['advanced'], providers: ['cpu'] }, () => Promise.resolve());

    expect(report.candidates).toEqual([
      expect.objectContaining({ candidate: 'fp32', status: 'measured' }),
      expect.objectContaining({ candidate: 'advanced', reason: expect.stringMatching(/^nothing to optimise: /), status: 'skipped' }),
    ]);
    expect(report.measurements.map((m) => m.candidate)).toEqual(['fp32']);
  }, 60_000);
});
