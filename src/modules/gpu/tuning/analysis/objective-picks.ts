import { REFERENCE_CANDIDATE, type CandidateName } from '../plan/candidates.js';
import type { TuningObjective } from '../plan/tuning-request.js';
import type { Measurement, TraceEntry } from './tuning-report.js';

export interface ObjectivePick {
  objective: TuningObjective;
  /** The winning measurement (candidate and session configuration); null when nothing met the budget. */
  measurementId: string | null;
  candidate: CandidateName | null;
  /** The stored variant; null when the winner is the original model itself or nothing qualified. */
  variantId: string | null;
  /** p95 ms (latency), items/s (throughput) or bytes (size), for the winner and for the original at its best. */
  value: number | null;
  referenceValue: number | null;
  onParetoSet: boolean;
}

interface Rule {
  unit: string;
  value: (m: Measurement) => number;
  /** Negative when `a` is the better pick. */
  compare: (a: Measurement, b: Measurement) => number;
  /** The measurements the objective is judged on (latency: the smallest batch, where latency is what is asked for). */
  scope: (eligible: readonly Measurement[]) => Measurement[];
}

const RULES: Record<TuningObjective, Rule> = {
  latency: {
    compare: (a, b) => a.p95Ms - b.p95Ms || a.modelBytes - b.modelBytes,
    scope: (eligible) => {
      const smallest = Math.min(...eligible.map((m) => m.batch));
      return eligible.filter((m) => m.batch === smallest);
    },
    unit: 'ms p95',
    value: (m) => m.p95Ms,
  },
  size: {
    compare: (a, b) => a.modelBytes - b.modelBytes || a.maxRelError - b.maxRelError || a.p95Ms - b.p95Ms,
    scope: (eligible) => [...eligible],
    unit: 'bytes',
    value: (m) => m.modelBytes,
  },
  throughput: {
    compare: (a, b) => b.throughputPerSecond - a.throughputPerSecond || a.modelBytes - b.modelBytes,
    scope: (eligible) => [...eligible],
    unit: 'items/s',
    value: (m) => m.throughputPerSecond,
  },
};

/**
 * Auto-optimise's choice: candidates whose error exceeds the budget are out; of the rest, the best measurement per
 * objective. The reference is the original at its own best in the same scope, so a pick's gain is never flattered by
 * comparing against a badly configured baseline. Every exclusion and choice goes into the trace.
 */
export function pickPerObjective(measurements: readonly Measurement[], objectives: readonly TuningObjective[], budget: number, trace: TraceEntry[]): ObjectivePick[] {
  const worstError = new Map<CandidateName, number>();
  for (const m of measurements) {
    worstError.set(m.candidate, Math.max(worstError.get(m.candidate) ?? 0, m.maxRelError));
  }
  for (const [candidate, error] of worstError) {
    if (error > budget) {
      trace.push({ message: `${candidate} excluded: max relative error ${error.toPrecision(3)} exceeds the budget ${budget}`, step: 'budget' });
    }
  }
  const eligible = measurements.filter((m) => m.maxRelError <= budget);
  return objectives.map((objective) => {
    const rule = RULES[objective];
    const scoped = eligible.length === 0 ? [] : rule.scope(eligible);
    const winner = [...scoped].sort(rule.compare)[0];
    if (winner === undefined) {
      trace.push({ message: `${objective}: no measurement is within the accuracy budget`, step: 'pick' });
      return { candidate: null, measurementId: null, objective, onParetoSet: false, referenceValue: null, value: null, variantId: null };
    }
    const reference = [...rule.scope(measurements.filter((m) => m.candidate === REFERENCE_CANDIDATE))].sort(rule.compare)[0];
    const referenceValue = reference === undefined ? null : rule.value(reference);
    trace.push({
      message: `${objective}: ${winner.id} at ${rule.value(winner)} ${rule.unit}${referenceValue === null ? '' : ` (original at its best: ${referenceValue} ${rule.unit})`}, error ${winner.maxRelError.toPrecision(3)}${winner.pareto ? ', on the Pareto set' : ''}`,
      step: 'pick',
    });
    return { candidate: winner.candidate, measurementId: winner.id, objective, onParetoSet: winner.pareto, referenceValue, value: rule.value(winner), variantId: null };
  });
}
