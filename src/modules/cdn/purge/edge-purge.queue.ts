import { AppConfig } from '@app/config';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';

import { JobQueue, type JobContext, type JobStatus, type LazyJobWorker } from '../../database/index.js';
import { CdnMetrics } from '../cdn.metrics.js';
import { EdgeRateLimitedError, type EdgeName, type EdgePurgeRequest, type EdgePurger } from '../edges/edge-purger.js';

export const EDGE_PURGE_QUEUE = 'cdn.purge';
export const EDGE_PURGERS = Symbol('EDGE_PURGERS');

interface EdgePurgeJobData {
  edge: EdgeName;
  request: EdgePurgeRequest;
}

export interface QueuedEdgePurge {
  edge: EdgeName;
  id: string;
}

/**
 * Edge purges as jobs, one per edge so each retries on its own: an edge that rate-limits us (Cloudflare's per-plan
 * limits, CloudFront's invalidations in progress) is tried again with backoff while the others are done.
 */
@Injectable()
export class EdgePurgeQueue implements OnApplicationBootstrap {
  private readonly logger = new Logger(EdgePurgeQueue.name);
  private readonly worker: LazyJobWorker;

  constructor(
    config: AppConfig,
    @Inject(EDGE_PURGERS) private readonly purgers: readonly EdgePurger[],
    private readonly jobs: JobQueue,
    private readonly metrics: CdnMetrics,
  ) {
    const retryDelaySeconds = Math.ceil(config.cdn.purgeRetryDelayMs / 1000);
    this.worker = jobs.lazyWorker<EdgePurgeJobData, unknown>(EDGE_PURGE_QUEUE, (job) => this.run(job), { retryLimit: 8, retryDelaySeconds, expireInSeconds: 10 * 60 });
  }

  get edges(): readonly EdgePurger[] {
    return this.purgers;
  }

  onApplicationBootstrap(): void {
    if (this.purgers.length === 0) {
      return;
    }
    this.worker.startInBackground(this.logger);
  }

  /** Queues one job per configured edge with the request that edge understands. */
  async enqueue(request: (edge: EdgePurger) => EdgePurgeRequest | null): Promise<QueuedEdgePurge[]> {
    const queued: QueuedEdgePurge[] = [];
    if (this.purgers.length > 0) {
      await this.worker.start();
    }
    for (const purger of this.purgers) {
      const forEdge = request(purger);
      if (forEdge !== null && forEdge.urls.length + forEdge.tags.length + forEdge.prefixes.length > 0) {
        queued.push({ edge: purger.name, id: await this.jobs.enqueue<EdgePurgeJobData>(EDGE_PURGE_QUEUE, { edge: purger.name, request: forEdge }) });
      }
    }
    return queued;
  }

  async status(id: string): Promise<JobStatus | null> {
    return this.purgers.length === 0 ? null : this.jobs.status(EDGE_PURGE_QUEUE, id);
  }

  private async run(job: JobContext<EdgePurgeJobData>): Promise<unknown> {
    const purger = this.purgers.find((candidate) => candidate.name === job.data.edge);
    if (purger === undefined) {
      throw new Error(`No ${job.data.edge} edge is configured on this instance.`);
    }
    try {
      const result = await purger.purge({ ...job.data.request, reference: job.id }, (done, total) => {
        this.metrics.edgePurgeCall(purger.name, 'ok');
        void job.progress((done / total) * 100, `${done}/${total} ${purger.name} calls`);
      });
      return result;
    } catch (error) {
      this.metrics.edgePurgeCall(purger.name, error instanceof EdgeRateLimitedError ? 'rate_limited' : 'error');
      await job.progress(0, `${purger.name}: ${error instanceof Error ? error.message : String(error)}; retrying`);
      throw error;
    }
  }
}
