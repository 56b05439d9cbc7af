import type { Logger } from '@nestjs/common';

/**
 * A queue's worker, registered on first use: boot does not wait for pg-boss, and a start that failed (PostgreSQL
 * down) is tried again by the next call instead of leaving the queue without a worker until a restart.
 */
export class LazyJobWorker {
  private started: Promise<void> | null = null;

  constructor(
    readonly queue: string,
    private readonly register: () => Promise<void>,
  ) {}

  /** Registers the worker (and so creates the queue) once; a job can only be sent to a queue that exists. */
  start(): Promise<void> {
    this.started ??= this.register().catch((error: unknown) => {
      this.started = null;
      throw error;
    });
    return this.started;
  }

  /** `start()` without waiting, for onApplicationBootstrap; a failure is logged and retried by the next `start()`. */
  startInBackground(logger: Logger): void {
    this.start().catch((error: unknown) => logger.error(`The ${this.queue} worker did not start: ${error instanceof Error ? error.message : String(error)}`));
  }
}
