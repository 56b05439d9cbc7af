import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';

import { JobQueue, type JobContext, type LazyJobWorker } from '../../database/index.js';
import { AssetOptimizer } from './asset-optimizer.service.js';

export const OPTIMIZE_QUEUE = 'cdn.optimize';

export interface ContentToOptimize {
  contentHash: string;
  kind: string;
}

interface OptimizeJobData {
  items: ContentToOptimize[];
}

/**
 * Optimisation runs as pg-boss jobs (`cdn.optimize`): AVIF encoding of a large image takes seconds, and a job survives
 * a restart, is retried, and reports progress clients follow at /v1/jobs/cdn.optimize/:id(/events).
 */
@Injectable()
export class AssetOptimizationQueue implements OnApplicationBootstrap {
  private readonly logger = new Logger(AssetOptimizationQueue.name);
  private readonly worker: LazyJobWorker;

  constructor(
    private readonly jobs: JobQueue,
    private readonly optimizer: AssetOptimizer,
  ) {
    this.worker = jobs.lazyWorker<OptimizeJobData, { optimized: number }>(OPTIMIZE_QUEUE, (job) => this.run(job), { retryLimit: 2, expireInSeconds: 30 * 60 });
  }

  onApplicationBootstrap(): void {
    this.worker.startInBackground(this.logger);
  }

  async enqueue(items: readonly ContentToOptimize[]): Promise<string> {
    await this.worker.start();
    return this.jobs.enqueue<OptimizeJobData>(OPTIMIZE_QUEUE, { items: [...items] });
  }

  private async run(job: JobContext<OptimizeJobData>): Promise<{ optimized: number }> {
    const { items } = job.data;
    for (const [index, item] of items.entries()) {
      const share = 100 / items.length;
      await this.optimizer.optimizeContent(item.contentHash, item.kind, (percent, message) =>
        job.progress(Math.floor(index * share + (percent * share) / 100), `${index + 1}/${items.length}: ${message}`),
      );
    }
    await job.progress(100, `${items.length} optimised`);
    return { optimized: items.length };
  }
}
