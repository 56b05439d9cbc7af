import type { CandidateName } from '../plan/candidates.js';
import type { BatchMeasurement, ExecutionProvider, GraphOptimizationLevel } from '../runner/benchmark-protocol.js';

export interface ProviderStatus {
  provider: ExecutionProvider;
  available: boolean;
  /** Why a session could not be created on it (missing CUDA libraries, no driver, ...). */
  reason: string | null;
}

export interface CandidateOutcome {
  candidate: CandidateName;
  passes: string[];
  status: 'measured' | 'skipped' | 'failed';
  /** Why it was skipped (nothing to optimise, model refused) or failed (onnxruntime could not load it). */
  reason: string | null;
  modelBytes: number | null;
  /** The passes' own one-line reports. */
  summaries: string[];
}

/** One candidate in one session configuration at one batch size (the batch's timings as the child measured them). */
export interface Measurement extends Omit<BatchMeasurement, 'outputs'> {
  id: string;
  candidate: CandidateName;
  provider: ExecutionProvider;
  graphOptimizationLevel: GraphOptimizationLevel;
  threads: number;
  /** Peak resident memory of the benchmark process above its level before the session was created. */
  sessionMemoryBytes: number;
  loadMs: number;
  modelBytes: number;
  /** Against the reference (fp32) outputs on the same seeded inputs. */
  maxAbsError: number;
  maxRelError: number;
  /** The reference's p50 in the same configuration over this one's (> 1: faster); null when it has none. */
  speedupVsReference: number | null;
  pareto: boolean;
  /** One measurement that beats or equals this one on every Pareto objective; null on the front. */
  dominatedBy: string | null;
}

export interface TraceEntry {
  step: 'providers' | 'candidate' | 'session' | 'pareto' | 'budget' | 'pick' | 'variant';
  message: string;
}

export interface TuningReport {
  providers: ProviderStatus[];
  candidates: CandidateOutcome[];
  measurements: Measurement[];
  /** What the Pareto set is taken over. */
  paretoObjectives: string[];
  trace: TraceEntry[];
}

export const PARETO_OBJECTIVES = ['p95Ms (min)', 'throughputPerSecond (max)', 'modelBytes (min)', 'maxRelError (min)'];
