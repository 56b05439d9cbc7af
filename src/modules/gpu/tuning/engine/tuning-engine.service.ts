import { Injectable } from '@nestjs/common';

import { decodeModel } from '../../onnx/onnx-proto.js';
import type { Feeds } from '../../onnx/ort-runner.adapter.js';
import { seededInputs } from '../../onnx/seeded-inputs.util.js';
import { applyStepsToBytes } from '../../passes/apply-pass.util.js';
import { compareOutputs } from '../../passes/pass-validator.js';
import { rankMeasurements } from '../analysis/measurement-pareto.js';
import { PARETO_OBJECTIVES, type CandidateOutcome, type Measurement, type ProviderStatus, type TraceEntry, type TuningReport } from '../analysis/tuning-report.js';
import { candidateSteps, REFERENCE_CANDIDATE, type CandidateName } from '../plan/candidates.js';
import { TUNING_LIMITS, type TuningRequest } from '../plan/tuning-request.js';
import type { ExecutionProvider, GraphOptimizationLevel, SessionBenchmarkResult } from '../runner/benchmark-protocol.js';
import { BenchmarkProcess } from '../runner/benchmark-process.js';
import { TuningMetrics } from '../tuning.metrics.js';
import { ExecutionProviderProbe } from './execution-provider.probe.js';

export type ProgressReporter = (percent: number, message: string) => Promise<void>;

interface BuiltCandidate {
  candidate: CandidateName;
  bytes: Uint8Array;
}

interface SessionPlan {
  candidate: BuiltCandidate;
  provider: ExecutionProvider;
  graphOptimizationLevel: GraphOptimizationLevel;
  threads: number;
}

type Unranked = Omit<Measurement, 'pareto' | 'dominatedBy'>;

export interface TuningOutcome {
  report: TuningReport;
  /** Each measured candidate's model bytes, for the variants auto-optimise keeps. */
  candidateBytes: ReadonlyMap<CandidateName, Uint8Array>;
}

/**
 * Measures candidates of one model: builds each (the passes), runs every session configuration in a benchmark child,
 * compares every output with the reference's on the same seeded inputs, and marks the Pareto set.
 */
@Injectable()
export class TuningEngine {
  constructor(
    private readonly benchmarks: BenchmarkProcess,
    private readonly metrics: TuningMetrics,
    private readonly probe: ExecutionProviderProbe,
  ) {}

  async run(original: Uint8Array, request: TuningRequest, progress: ProgressReporter): Promise<TuningOutcome> {
    const trace: TraceEntry[] = [];
    const providers = await this.providers(request.providers, trace);
    const usable = providers.filter((status) => status.available).map((status) => status.provider);
    const { built, outcomes } = this.buildCandidates(original, request.candidates, trace);
    const batches = this.inputs(original, request);
    const sessions = built.flatMap((candidate) =>
      usable.flatMap((provider) => request.graphOptimizationLevels.flatMap((graphOptimizationLevel) => request.threads.map((threads) => ({ candidate, provider, graphOptimizationLevel, threads })))),
    );
    const results: Array<{ plan: SessionPlan; result: SessionBenchmarkResult }> = [];
    const failures = new Map<CandidateName, string>();
    for (const [index, plan] of sessions.entries()) {
      await progress((100 * index) / sessions.length, `measuring ${describe(plan)} (${index + 1}/${sessions.length})`);
      try {
        results.push({ plan, result: await this.benchmarks.benchmark(this.sessionRequest(plan, batches, request.runs), TUNING_LIMITS.sessionTimeoutMs) });
        this.metrics.countSession(plan.provider, 'ok');
      } catch (error) {
        this.metrics.countSession(plan.provider, 'failed');
        const reason = error instanceof Error ? error.message : String(error);
        trace.push({ message: `${describe(plan)} failed: ${reason}`, step: 'session' });
        failures.set(plan.candidate.candidate, reason);
      }
    }
    // A candidate no session could run (fp16 without the provider's kernels, say) failed; one that ran anywhere did not.
    for (const outcome of outcomes) {
      if (outcome.status === 'measured' && !results.some(({ plan }) => plan.candidate.candidate === outcome.candidate)) {
        Object.assign(outcome, { reason: failures.get(outcome.candidate) ?? 'not measured', status: 'failed' });
      }
    }
    const measurements = rankMeasurements(this.measure(results));
    const front = measurements.filter((measurement) => measurement.pareto);
    trace.push({ message: `${measurements.length} measurements, ${front.length} on the Pareto set of ${PARETO_OBJECTIVES.join(', ')}`, step: 'pareto' });
    await progress(100, `${measurements.length} measurements`);
    return {
      candidateBytes: new Map(built.map((candidate) => [candidate.candidate, candidate.bytes])),
      report: { candidates: outcomes, measurements, paretoObjectives: PARETO_OBJECTIVES, providers, trace },
    };
  }

  private async providers(requested: readonly ExecutionProvider[], trace: TraceEntry[]): Promise<ProviderStatus[]> {
    const providers = await Promise.all(requested.map((provider) => this.probe.status(provider)));
    for (const status of providers) {
      trace.push({ message: status.available ? `${status.provider}: available` : `${status.provider}: unavailable, not measured (${status.reason ?? 'no reason given'})`, step: 'providers' });
    }
    if (!providers.some((status) => status.available)) {
      trace.push({ message: 'no requested provider is available: falling back to cpu', step: 'providers' });
      providers.push(await this.probe.status('cpu'));
    }
    return providers;
  }

  private buildCandidates(original: Uint8Array, requested: readonly CandidateName[], trace: TraceEntry[]): { built: BuiltCandidate[]; outcomes: CandidateOutcome[] } {
    const names = [REFERENCE_CANDIDATE, ...requested.filter((name) => name !== REFERENCE_CANDIDATE)] as CandidateName[];
    const built: BuiltCandidate[] = [];
    const outcomes: CandidateOutcome[] = [];
    for (const candidate of names) {
      const steps = candidateSteps(candidate);
      const passes = steps.map((step) => step.pass);
      if (steps.length === 0) {
        built.push({ bytes: original, candidate });
        outcomes.push({ candidate, modelBytes: original.byteLength, passes, reason: null, status: 'measured', summaries: [] });
        continue;
      }
      // The passes run here, in the job worker: they are TypeScript over the protobuf (the benchmark child runs only
      // onnxruntime), bounded by GPU_MODEL_MAX_BYTES, and take well under the time one benchmark session does.
      const result = applyStepsToBytes(original, steps);
      const summaries = result.reports.map((report) => report.summary);
      const changed = result.reports.some((report) => report.changed.length > 0);
      const reason = result.refused ?? (changed ? null : `nothing to optimise: ${summaries.join('; ')}`);
      if (reason !== null) {
        trace.push({ message: `${candidate} skipped: ${reason}`, step: 'candidate' });
        outcomes.push({ candidate, modelBytes: null, passes, reason, status: 'skipped', summaries });
        continue;
      }
      trace.push({ message: `${candidate} built: ${result.bytes.byteLength} bytes (${percentOf(result.bytes.byteLength, original.byteLength)} of the original)`, step: 'candidate' });
      built.push({ bytes: result.bytes, candidate });
      outcomes.push({ candidate, modelBytes: result.bytes.byteLength, passes, reason: null, status: 'measured', summaries });
    }
    return { built, outcomes };
  }

  private inputs(original: Uint8Array, request: TuningRequest): Array<{ batch: number; feeds: Feeds }> {
    const model = decodeModel(original);
    return request.batchSizes.map((batch) => ({ batch, feeds: seededInputs(model, { batch, seed: request.seed }) }));
  }

  private sessionRequest(plan: SessionPlan, batches: Array<{ batch: number; feeds: Feeds }>, runs: number) {
    return {
      batches,
      graphOptimizationLevel: plan.graphOptimizationLevel,
      maxMillisPerBatch: TUNING_LIMITS.maxMillisPerBatch,
      minRuns: TUNING_LIMITS.minRuns,
      model: plan.candidate.bytes,
      provider: plan.provider,
      runs,
      threads: plan.threads,
      warmupRuns: TUNING_LIMITS.warmupRuns,
    };
  }

  private measure(results: ReadonlyArray<{ plan: SessionPlan; result: SessionBenchmarkResult }>): Unranked[] {
    const reference = results.find(({ plan }) => plan.candidate.candidate === REFERENCE_CANDIDATE);
    if (reference === undefined) {
      throw new Error('the original model (fp32) could not be measured, so no candidate can be judged against it');
    }
    const referenceOutputs = new Map(reference.result.measurements.map((measurement) => [measurement.batch, measurement.outputs]));
    const unranked: Unranked[] = [];
    for (const { plan, result } of results) {
      for (const batch of result.measurements) {
        const errors = compareOutputs(referenceOutputs.get(batch.batch)!, batch.outputs, Infinity);
        unranked.push({
          batch: batch.batch,
          candidate: plan.candidate.candidate,
          graphOptimizationLevel: plan.graphOptimizationLevel,
          id: `${describe(plan)}/b${batch.batch}`,
          loadMs: round(result.loadMs),
          maxAbsError: Math.max(0, ...errors.map((error) => error.maxAbsError)),
          maxRelError: Math.max(0, ...errors.map((error) => error.maxRelError)),
          meanMs: round(batch.meanMs),
          modelBytes: plan.candidate.bytes.byteLength,
          p50Ms: round(batch.p50Ms),
          p95Ms: round(batch.p95Ms),
          p99Ms: round(batch.p99Ms),
          provider: plan.provider,
          runs: batch.runs,
          sessionMemoryBytes: result.sessionMemoryBytes,
          speedupVsReference: null,
          threads: plan.threads,
          throughputPerSecond: round(batch.throughputPerSecond),
        });
      }
    }
    return unranked.map((measurement) => {
      const baseline = unranked.find(
        (other) =>
          other.candidate === REFERENCE_CANDIDATE &&
          other.provider === measurement.provider &&
          other.graphOptimizationLevel === measurement.graphOptimizationLevel &&
          other.threads === measurement.threads &&
          other.batch === measurement.batch,
      );
      return { ...measurement, speedupVsReference: baseline === undefined || measurement.p50Ms === 0 ? null : round(baseline.p50Ms / measurement.p50Ms) };
    });
  }
}

function describe(plan: SessionPlan): string {
  return `${plan.candidate.candidate}/${plan.provider}/${plan.graphOptimizationLevel}/t${plan.threads}`;
}

/** Four significant digits: more than the run-to-run noise of any timing, fewer than JSON's 17. */
function round(value: number): number {
  return Number(value.toPrecision(4));
}

function percentOf(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(1)} %`;
}
