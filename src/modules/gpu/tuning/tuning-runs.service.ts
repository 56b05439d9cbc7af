import type { Page } from '@app/common';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { JobQueue } from '../../database/index.js';
import { GpuException, GpuExceptionCode } from '../gpu.exception.js';
import { ModelArtifactRepository, type ModelReport } from '../models/index.js';
import { toTuningRunView, type TuningRunView } from './api/tuning-run-view.js';
import { TUNING_QUEUE, TuningQueue } from './jobs/tuning.queue.js';
import { sessionCount, TUNING_LIMITS, type AutoOptimizeRequest, type TuningRequest } from './plan/tuning-request.js';
import { TuningRunEntity, type TuningRunKind } from './store/tuning-run.entity.js';
import { TuningRunRepository } from './store/tuning-run.repository.js';

/** Accepts benchmark and auto-optimise runs, queues them, and reads them back with the worker's live progress. */
@Injectable()
export class TuningRunsService {
  constructor(
    private readonly artifacts: ModelArtifactRepository,
    private readonly jobs: JobQueue,
    private readonly queue: TuningQueue,
    private readonly runs: TuningRunRepository,
  ) {}

  async submit(kind: TuningRunKind, modelId: string, request: TuningRequest | AutoOptimizeRequest, createdBy: string): Promise<TuningRunView> {
    const model = await this.artifacts.getByIdOrThrow(modelId);
    assertRunnable(model.report, request);
    const run: TuningRunEntity = Object.assign(new TuningRunEntity(), {
      completedAt: null,
      createdAt: new Date(),
      createdBy,
      error: null,
      id: randomUUID(),
      jobId: null,
      kind,
      modelId: model.id,
      request,
      result: null,
      status: 'queued' as const,
    });
    await this.runs.insert(run);
    try {
      run.jobId = await this.queue.enqueue(run.id);
    } catch (error) {
      // Not left "queued" for ever: the run is recorded as failed and the caller gets the error.
      await this.runs.fail(run.id, `could not be queued: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
    await this.runs.setJob(run.id, run.jobId);
    return toTuningRunView(run, { message: null, percent: 0 }, false);
  }

  async get(id: string): Promise<TuningRunView> {
    const run = await this.runs.getByIdOrThrow(id);
    return toTuningRunView(run, await this.progressOf(run), true);
  }

  async list(limit: number, cursor: string | undefined, modelId: string | undefined): Promise<Page<TuningRunView>> {
    const page = await this.runs.listPage(limit, cursor, modelId);
    return { items: page.items.map((run) => toTuningRunView(run, null, false)), nextCursor: page.nextCursor };
  }

  private async progressOf(run: TuningRunEntity): Promise<TuningRunView['progress']> {
    if (run.jobId === null || run.status === 'completed' || run.status === 'failed') {
      return null;
    }
    const status = await this.jobs.status(TUNING_QUEUE, run.jobId);
    return status === null ? null : { message: status.message, percent: status.percent };
  }
}

function assertRunnable(report: ModelReport, request: TuningRequest): void {
  const sessions = sessionCount(request);
  if (sessions > TUNING_LIMITS.maxSessions) {
    throw new GpuException(
      GpuExceptionCode.INVALID_TUNING_REQUEST,
      `${sessions} sessions (candidates × providers × graph levels × threads) is more than the ${TUNING_LIMITS.maxSessions} one run may measure; ask for fewer.`,
    );
  }
  // Benchmarks feed seeded standard-normal floats; ids, masks or sample rates made up that way would measure nothing real.
  const other = report.inputs.find((input) => input.dtype !== 'float32');
  if (other !== undefined) {
    throw new GpuException(GpuExceptionCode.INVALID_TUNING_REQUEST, `Input ${other.name} is ${other.dtype}: tuning runs feed float32 inputs only.`);
  }
}
