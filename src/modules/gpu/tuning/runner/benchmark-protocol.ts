// Messages between the tuning engine and its benchmark child process. Types only: the child runs this file's
// sibling under Node's type stripping, which erases type imports and nothing else.

export type ExecutionProvider = 'cpu' | 'cuda';
export type GraphOptimizationLevel = 'disabled' | 'basic' | 'extended' | 'all';

export interface FeedData {
  dims: number[];
  data: Float32Array;
}

export type FeedSet = Record<string, FeedData>;

/** One onnxruntime session (model, provider, graph level, threads), measured at each batch size in turn. */
export interface SessionBenchmarkRequest {
  kind: 'benchmark';
  model: Uint8Array;
  provider: ExecutionProvider;
  graphOptimizationLevel: GraphOptimizationLevel;
  threads: number;
  /** Seeded inputs per batch size; the first run's outputs come back for the accuracy comparison. */
  batches: Array<{ batch: number; feeds: FeedSet }>;
  warmupRuns: number;
  /** Measured runs per batch, unless `maxMillisPerBatch` runs out first (never fewer than `minRuns`). */
  runs: number;
  minRuns: number;
  maxMillisPerBatch: number;
}

export interface BatchMeasurement {
  batch: number;
  runs: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Items (batch rows) per second at the mean latency. */
  throughputPerSecond: number;
  outputs: FeedSet;
}

export interface SessionBenchmarkResult {
  kind: 'benchmark';
  loadMs: number;
  /** Peak resident memory of the child above what it used before the session was created. */
  sessionMemoryBytes: number;
  measurements: BatchMeasurement[];
}

/** Whether a provider can create a session at all (CUDA needs its shared libraries and a driver). */
export interface ProbeRequest {
  kind: 'probe';
  model: Uint8Array;
  provider: ExecutionProvider;
}

export interface ProbeResult {
  kind: 'probe';
  available: boolean;
  reason: string | null;
}

export interface ChildFailure {
  kind: 'error';
  message: string;
}

export type ChildRequest = SessionBenchmarkRequest | ProbeRequest;
export type ChildReply = SessionBenchmarkResult | ProbeResult | ChildFailure;
