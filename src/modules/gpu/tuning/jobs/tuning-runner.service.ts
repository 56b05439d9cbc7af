import { Injectable } from '@nestjs/common';

import { ModelArtifactRepository, ModelFileStore, type ModelArtifactEntity } from '../../models/index.js';
import { VariantBuilder } from '../../variants/index.js';
import { pickPerObjective, type ObjectivePick } from '../analysis/objective-picks.js';
import { TuningEngine, type ProgressReporter, type TuningOutcome } from '../engine/tuning-engine.service.js';
import { REFERENCE_CANDIDATE, type CandidateName } from '../plan/candidates.js';
import type { AutoOptimizeRequest } from '../plan/tuning-request.js';
import type { TuningRunResult } from '../store/tuning-run-result.js';
import type { TuningRunEntity } from '../store/tuning-run.entity.js';
import { TuningRunRepository } from '../store/tuning-run.repository.js';
import { TuningMetrics } from '../tuning.metrics.js';

/** One tuning job: measure, and for auto-optimise pick per objective and keep the winners as model variants. */
@Injectable()
export class TuningRunner {
  constructor(
    private readonly artifacts: ModelArtifactRepository,
    private readonly engine: TuningEngine,
    private readonly files: ModelFileStore,
    private readonly metrics: TuningMetrics,
    private readonly runs: TuningRunRepository,
    private readonly variants: VariantBuilder,
  ) {}

  async run(runId: string, progress: ProgressReporter): Promise<{ runId: string }> {
    const run = await this.runs.getByIdOrThrow(runId);
    if (run.status === 'completed' || run.status === 'failed') {
      return { runId };
    }
    await this.runs.markRunning(runId);
    const done = this.metrics.startRun(run.kind);
    try {
      const model = await this.artifacts.getByIdOrThrow(run.modelId);
      const outcome = await this.engine.run(await this.files.read(model.sha256), run.request, progress);
      await this.runs.complete(runId, run.kind === 'auto-optimize' ? await this.decide(run, model, outcome) : outcome.report);
      done('completed');
    } catch (error) {
      // A run that cannot be measured (a model onnxruntime refuses, a reference that fails) would fail the same way
      // on a retry: it is recorded as failed and the job ends; only a crash of the instance makes pg-boss retry it.
      await this.runs.fail(runId, error instanceof Error ? error.message : String(error));
      done('failed');
    }
    return { runId };
  }

  private async decide(run: TuningRunEntity, model: ModelArtifactEntity, outcome: TuningOutcome): Promise<TuningRunResult> {
    const request = run.request as AutoOptimizeRequest;
    const trace = [...outcome.report.trace];
    const picks = pickPerObjective(outcome.report.measurements, request.objectives, request.accuracyBudget, trace);
    const stored = new Map<CandidateName, string>();
    const kept: ObjectivePick[] = [];
    for (const pick of picks) {
      if (pick.candidate === null || pick.candidate === REFERENCE_CANDIDATE) {
        trace.push({ message: `${pick.objective}: ${pick.candidate === null ? 'nothing qualified' : 'the original model is the best choice'}; no variant stored`, step: 'variant' });
        kept.push(pick);
        continue;
      }
      let variantId = stored.get(pick.candidate);
      if (variantId === undefined) {
        const variant = await this.variants.store(model, outcome.candidateBytes.get(pick.candidate)!, { createdBy: run.createdBy, label: `auto:${pick.candidate}` });
        variantId = variant.id;
        stored.set(pick.candidate, variantId);
        trace.push({ message: `${pick.candidate} stored as model ${variantId}`, step: 'variant' });
      }
      kept.push({ ...pick, variantId });
    }
    return { ...outcome.report, accuracyBudget: request.accuracyBudget, picks: kept, trace };
  }
}
