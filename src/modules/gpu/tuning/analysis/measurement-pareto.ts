import { paretoFront, type Objective } from './pareto.js';
import type { Measurement } from './tuning-report.js';

type Unranked = Omit<Measurement, 'pareto' | 'dominatedBy'>;

const OBJECTIVES: Objective<Unranked>[] = [
  { direction: 'min', name: 'p95Ms', value: (m) => m.p95Ms },
  { direction: 'max', name: 'throughputPerSecond', value: (m) => m.throughputPerSecond },
  { direction: 'min', name: 'modelBytes', value: (m) => m.modelBytes },
  { direction: 'min', name: 'maxRelError', value: (m) => m.maxRelError },
];

/** Marks each measurement on or off the Pareto set of latency, throughput, size and error (PARETO_OBJECTIVES). */
export function rankMeasurements(measurements: readonly Unranked[]): Measurement[] {
  const { front, dominatedBy } = paretoFront(measurements, OBJECTIVES);
  const onFront = new Set(front);
  return measurements.map((measurement, index) => {
    const dominator = dominatedBy.get(index);
    return { ...measurement, pareto: onFront.has(index), dominatedBy: dominator === undefined ? null : measurements[dominator]!.id };
  });
}
