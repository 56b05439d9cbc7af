import type { CandidateName } from '../plan/candidates.js';
import { pickPerObjective } from './objective-picks.js';
import type { Measurement, TraceEntry } from './tuning-report.js';

function measurement(candidate: CandidateName, batch: number, p95Ms: number, throughputPerSecond: number, modelBytes: number, maxRelError: number, pareto = true): Measurement {
  return {
    batch,
    candidate,
    dominatedBy: null,
    graphOptimizationLevel: 'all',
    id: `${candidate}/cpu/all/t1/b${batch}`,
    loadMs: 1,
    maxAbsError: maxRelError,
    maxRelError,
    meanMs: p95Ms,
    modelBytes,
    p50Ms: p95Ms,
    p95Ms,
    p99Ms: p95Ms,
    pareto,
    provider: 'cpu',
    runs: 50,
    sessionMemoryBytes: 1,
    speedupVsReference: null,
    threads: 1,
    throughputPerSecond,
  };
}

const MEASUREMENTS = [
  measurement('fp32', 1, 2.0, 500, 4_000, 0),
  measurement('fp32', 32, 20, 1_600, 4_000, 0),
  measurement('basic', 1, 2.2, 450, 1_100, 0.01),
  measurement('basic', 32, 25, 1_280, 1_100, 0.01),
  measurement('advanced', 1, 0.9, 1_100, 1_200, 0.03),
  measurement('advanced', 32, 8, 4_000, 1_200, 0.03),
  measurement('ultra', 1, 1.5, 660, 600, 0.13),
  measurement('ultra', 32, 12, 2_660, 600, 0.13),
];

describe('pickPerObjective', () => {
  it('picks per objective among candidates within the budget, against the original at its best', () => {
    const trace: TraceEntry[] = [];
    const picks = pickPerObjective(MEASUREMENTS, ['latency', 'throughput', 'size'], 0.05, trace);

    expect(picks).toEqual([
      expect.objectContaining({ candidate: 'advanced', measurementId: 'advanced/cpu/all/t1/b1', objective: 'latency', referenceValue: 2.0, value: 0.9 }),
      expect.objectContaining({ candidate: 'advanced', measurementId: 'advanced/cpu/all/t1/b32', objective: 'throughput', referenceValue: 1_600, value: 4_000 }),
      // ultra is smaller still, but its error is over the budget.
      expect.objectContaining({ candidate: 'basic', objective: 'size', referenceValue: 4_000, value: 1_100 }),
    ]);
    expect(trace.filter((entry) => entry.step === 'budget').map((entry) => entry.message)).toEqual(['ultra excluded: max relative error 0.130 exceeds the budget 0.05']);
    expect(trace.filter((entry) => entry.step === 'pick')).toHaveLength(3);
  });

  it('judges latency at the smallest batch: a big batch is never "fast" because its per-run time is small per item', () => {
    const picks = pickPerObjective([measurement('fp32', 8, 3, 2_000, 10, 0), measurement('advanced', 8, 1, 8_000, 5, 0.01), measurement('basic', 16, 0.5, 30_000, 5, 0.01)], ['latency'], 0.05, []);
    expect(picks[0]).toMatchObject({ candidate: 'advanced', value: 1 });
  });

  it('lets a wider budget admit the smallest candidate', () => {
    const [size] = pickPerObjective(MEASUREMENTS, ['size'], 0.2, []);
    expect(size).toMatchObject({ candidate: 'ultra', value: 600 });
  });

  it('can pick the original itself when nothing beats it', () => {
    const [latency] = pickPerObjective([measurement('fp32', 1, 1, 1_000, 4_000, 0), measurement('basic', 1, 3, 300, 1_000, 0.01)], ['latency'], 0.05, []);
    expect(latency).toMatchObject({ candidate: 'fp32', value: 1, referenceValue: 1 });
  });

  it('says so when nothing meets the budget', () => {
    const trace: TraceEntry[] = [];
    const [throughput] = pickPerObjective([measurement('ultra', 1, 1, 1_000, 600, 0.5)], ['throughput'], 0.05, trace);
    expect(throughput).toEqual({ candidate: null, measurementId: null, objective: 'throughput', onParetoSet: false, referenceValue: null, value: null, variantId: null });
    expect(trace.at(-1)?.message).toBe('throughput: no measurement is within the accuracy budget');
  });
});
