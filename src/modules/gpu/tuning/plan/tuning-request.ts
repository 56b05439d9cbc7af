import type { ExecutionProvider, GraphOptimizationLevel } from '../runner/benchmark-protocol.js';
import type { CandidateName } from './candidates.js';

/** What to measure: every candidate × provider × graph level × thread count, each session at every batch size. */
export interface TuningRequest {
  candidates: CandidateName[];
  providers: ExecutionProvider[];
  graphOptimizationLevels: GraphOptimizationLevel[];
  threads: number[];
  batchSizes: number[];
  /** Measured runs per batch size (fewer when a batch takes longer than TUNING_LIMITS.maxMillisPerBatch). */
  runs: number;
  /** Seed of the standard-normal inputs every candidate is fed (the same for all, so their outputs compare). */
  seed: number;
}

/** Auto-optimise: a tuning run, then a pick per objective among the candidates within the accuracy budget. */
export interface AutoOptimizeRequest extends TuningRequest {
  objectives: TuningObjective[];
  /** Largest acceptable max-abs-error / max-|reference| on any output (see PassValidator). */
  accuracyBudget: number;
}

export const TUNING_OBJECTIVES = ['latency', 'throughput', 'size'] as const;
export type TuningObjective = (typeof TUNING_OBJECTIVES)[number];

export const TUNING_LIMITS = {
  /** Sessions (candidate × provider × graph level × threads) one run may open: each is a child process. */
  maxSessions: 48,
  maxBatchSize: 256,
  maxRuns: 1_000,
  warmupRuns: 3,
  minRuns: 5,
  maxMillisPerBatch: 3_000,
  sessionTimeoutMs: 5 * 60_000,
} as const;

export function sessionCount(request: TuningRequest): number {
  return request.candidates.length * request.providers.length * request.graphOptimizationLevels.length * request.threads.length;
}
