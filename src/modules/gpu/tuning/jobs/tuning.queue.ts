import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';

import { JobQueue, type LazyJobWorker } from '../../../database/index.js';
import { TuningRunner } from './tuning-runner.service.js';

export const TUNING_QUEUE = 'gpu.tuning';

export interface TuningJobData {
  runId: string;
}

/**
 * Benchmarks and auto-optimise runs as pg-boss jobs (`gpu.tuning`): minutes of measurements survive a restart
 * (retried once), run one at a time per instance (parallel runs would distort each other's timings), and report
 * progress clients follow at /v1/gpu/tuning-runs/:id/events.
 */
@Injectable()
export class TuningQueue implements OnApplicationBootstrap {
  private readonly logger = new Logger(TuningQueue.name);
  private readonly worker: LazyJobWorker;

  constructor(
    private readonly jobs: JobQueue,
    runner: TuningRunner,
  ) {
    this.worker = jobs.lazyWorker<TuningJobData, { runId: string }>(TUNING_QUEUE, (job) => runner.run(job.data.runId, (percent, message) => job.progress(percent, message)), {
      expireInSeconds: 60 * 60,
      retryLimit: 1,
    });
  }

  onApplicationBootstrap(): void {
    this.worker.startInBackground(this.logger);
  }

  async enqueue(runId: string): Promise<string> {
    await this.worker.start();
    return this.jobs.enqueue<TuningJobData>(TUNING_QUEUE, { runId });
  }
}
