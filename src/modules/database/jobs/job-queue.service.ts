import { AppConfig } from '@app/config';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { PgBoss, type Job, type SendOptions } from 'pg-boss';

import { DatabaseEndpoint } from '../database-endpoint.service.js';
import { JobProgressRepository } from './job-progress.repository.js';
import { LazyJobWorker } from './lazy-job-worker.js';

/** `<module>.<job>`: each module owns the queues named after it. */
const QUEUE_NAME = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;
const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export interface JobStatus {
  id: string;
  queue: string;
  state: JobState;
  /** 0–100 as the worker last reported (100 once completed). */
  percent: number;
  message: string | null;
  retryCount: number;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  /** What the handler returned (completed) or the error it failed with (failed). */
  output: unknown;
  done: boolean;
}

export interface JobContext<T> {
  id: string;
  data: T;
  retryCount: number;
  /** Records progress (0–100) and what the job is doing; clients follow it over SSE. */
  progress(percent: number, message?: string): Promise<void>;
}

export interface QueueOptions {
  /** Attempts after the first (default 2), with exponential backoff from `retryDelaySeconds` (default 5). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** A job running longer fails (and is retried): default 15 minutes. */
  expireInSeconds?: number;
}

/**
 * Background jobs for every module on pg-boss (PostgreSQL is always there, Redis may not be): queues named
 * `<module>.<job>`, retries with backoff, and progress records clients follow (GET /v1/jobs/:queue/:id, and
 * /events over SSE). pg-boss starts on first use, so an app with no jobs keeps no worker or schema around.
 */
@Injectable()
export class JobQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private boss?: Promise<PgBoss>;

  constructor(
    private readonly config: AppConfig,
    private readonly endpoint: DatabaseEndpoint,
    private readonly progress: JobProgressRepository,
  ) {}

  /** Creates (or updates) `queue` and runs `handler` for its jobs on this instance. */
  async register<T extends object, R>(queue: string, handler: (job: JobContext<T>) => Promise<R>, options: QueueOptions = {}): Promise<void> {
    assertQueueName(queue);
    const boss = await this.start();
    await boss.createQueue(queue, {
      retryLimit: options.retryLimit ?? 2,
      retryDelay: options.retryDelaySeconds ?? 5,
      retryBackoff: true,
      expireInSeconds: options.expireInSeconds ?? 15 * 60,
    });
    await boss.work<T, R>(queue, async ([job]: Job<T>[]) => {
      const current = job as Job<T> & { retryCount?: number };
      const context: JobContext<T> = {
        id: current.id,
        data: current.data,
        retryCount: current.retryCount ?? 0,
        progress: (percent, message) => this.progress.record(current.id, queue, percent, message ?? null),
      };
      return handler(context);
    });
  }

  /** The worker of `queue`, registered on its first `start()` (see LazyJobWorker). */
  lazyWorker<T extends object, R>(queue: string, handler: (job: JobContext<T>) => Promise<R>, options: QueueOptions = {}): LazyJobWorker {
    assertQueueName(queue);
    return new LazyJobWorker(queue, () => this.register(queue, handler, options));
  }

  /** Queues a job; its id is what clients follow. */
  async enqueue<T extends object>(queue: string, data: T, options: SendOptions = {}): Promise<string> {
    assertQueueName(queue);
    const id = await (await this.start()).send(queue, data, options);
    if (id === null) {
      throw new Error(`pg-boss did not queue the job on ${queue} (a singleton or throttle key refused it)`);
    }
    await this.progress.record(id, queue, 0, null);
    return id;
  }

  /** The job's state and progress, or null when there is no such job on `queue`. */
  async status(queue: string, id: string): Promise<JobStatus | null> {
    assertQueueName(queue);
    const [job] = await (await this.start()).findJobs(queue, { id });
    if (job === undefined) {
      return null;
    }
    const progress = await this.progress.findByJobId(id);
    const state = job.state;
    return {
      id,
      queue,
      state,
      percent: state === 'completed' ? 100 : (progress?.percent ?? 0),
      message: progress?.message ?? null,
      retryCount: (job as { retryCount?: number }).retryCount ?? 0,
      createdAt: job.createdOn.toISOString(),
      startedAt: state === 'created' ? null : (job.startedOn?.toISOString() ?? null),
      completedAt: job.completedOn?.toISOString() ?? null,
      output: job.output ?? null,
      done: TERMINAL.has(state),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    const boss = await this.boss?.catch(() => undefined);
    // Lets running handlers finish (as SIGTERM handling asks), bounded by the shutdown timeout.
    await boss?.stop({ graceful: true, timeout: this.config.shutdown.timeoutMs }).catch(() => undefined);
  }

  private start(): Promise<PgBoss> {
    this.boss ??= (async () => {
      const boss = new PgBoss({ connectionString: await this.endpoint.url(), schema: 'pgboss', max: 4, application_name: `${this.config.database.applicationName}-jobs` });
      boss.on('error', (error: Error) => this.logger.warn(`pg-boss: ${error.message}`));
      await boss.start();
      return boss;
    })();
    this.boss.catch(() => {
      this.boss = undefined;
    });
    return this.boss;
  }
}

function assertQueueName(queue: string): void {
  if (!QUEUE_NAME.test(queue)) {
    throw new Error(`job queue "${queue}" must be named <module>.<job> in lower case`);
  }
}
