import { FifoQueue } from '@app/common';
import { Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';

import type { AuditDraft } from './audit-record.js';

/** Where batches go: one call stores the whole batch or nothing (the repository's chained append). */
export interface AuditSink {
  append(drafts: readonly AuditDraft[]): Promise<unknown>;
}

/**
 * Why events were dropped: the buffer overflowed during an outage, shutdown could not write them, they came after
 * shutdown began, or they could not be made into a record at all (a producer's bug).
 */
export type AuditShedReason = 'overflow' | 'shutdown' | 'closed' | 'invalid';

export interface AuditWriterMetrics {
  written(count: number): void;
  shed(count: number, reason: AuditShedReason): void;
  writeFailed(): void;
}

export interface AuditWriterOptions {
  batchSize: number;
  flushIntervalMs: number;
  bufferMax: number;
  /** Delay before the first retry after a failed write; doubles with each consecutive failure. */
  retryInitialDelayMs?: number;
  retryMaxDelayMs?: number;
  /** Write attempts on shutdown before what is left is shed (and counted). */
  shutdownAttempts?: number;
}

/**
 * The batching audit writer: `record()` only enqueues; batches go out when `batchSize` events wait or every
 * `flushIntervalMs`. A failed write keeps its events (at the front, in order) and is retried with backoff; while
 * the database is away the buffer is bounded by `bufferMax`, beyond which the oldest events are shed and counted.
 * Shutdown flushes before the pool closes (beforeApplicationShutdown runs before any onApplicationShutdown).
 */
export class AuditWriter implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('AuditWriter');
  private readonly queue = new FifoQueue<AuditDraft>();
  private inFlight = 0;
  private draining?: Promise<boolean>;
  private failures = 0;
  private shedding = false;
  private retryTimer?: NodeJS.Timeout;
  private interval?: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly sink: AuditSink,
    private readonly options: AuditWriterOptions,
    private readonly metrics: AuditWriterMetrics,
  ) {}

  /** Events waiting to be written, the batch being written included. */
  get buffered(): number {
    return this.queue.length + this.inFlight;
  }

  onModuleInit(): void {
    this.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.close();
  }

  start(): void {
    if (!this.interval) {
      this.interval = setInterval(() => this.flushSoon(), this.options.flushIntervalMs);
      this.interval.unref();
    }
  }

  /** Enqueues and returns at once; never throws, never waits for the database. */
  record(draft: AuditDraft): void {
    if (this.closed) {
      this.metrics.shed(1, 'closed');
      this.logger.error(`audit event ${draft.action} recorded after shutdown began: dropped`);
      return;
    }
    this.queue.push(draft);
    this.enforceBound();
    if (this.queue.length >= this.options.batchSize) {
      this.flushSoon();
    }
  }

  /** Counts (and logs) an event that could not be turned into a record, so a producer's bug is never silent. */
  discardInvalid(action: unknown, error: unknown): void {
    this.metrics.shed(1, 'invalid');
    this.logger.error(`audit event ${String(action)} could not be recorded: ${String(error)}`);
  }

  /**
   * Writes everything buffered now. Resolves true once the buffer is empty, false when a write failed (its events
   * stay buffered and a retry is scheduled). Concurrent calls share one drain.
   */
  flush(): Promise<boolean> {
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  /** Stops the timers and writes what is buffered, a few attempts at most; anything left is shed and counted. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.interval);
    this.cancelRetry();
    const attempts = this.options.shutdownAttempts ?? 3;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      const emptied = await this.flush();
      this.cancelRetry();
      if (emptied) {
        return;
      }
      if (attempt < attempts) {
        await sleep(this.retryDelay());
      }
    }
    const lost = this.queue.dropOldest(this.queue.length);
    if (lost > 0) {
      this.metrics.shed(lost, 'shutdown');
      this.logger.error(`${lost} audit events could not be written before shutdown: shed`);
    }
  }

  private flushSoon(): void {
    if (this.retryTimer === undefined && this.draining === undefined && this.queue.length > 0) {
      void this.flush();
    }
  }

  private async drain(): Promise<boolean> {
    while (this.queue.length > 0) {
      const batch = this.queue.take(this.options.batchSize);
      this.inFlight = batch.length;
      try {
        await this.sink.append(batch);
      } catch (error) {
        this.inFlight = 0;
        this.queue.putBack(batch);
        this.onWriteFailed(error);
        return false;
      }
      this.inFlight = 0;
      this.failures = 0;
      this.shedding = false;
      this.metrics.written(batch.length);
    }
    return true;
  }

  private onWriteFailed(error: unknown): void {
    this.failures += 1;
    this.metrics.writeFailed();
    this.enforceBound();
    this.logger.warn(`writing audit events failed (attempt ${this.failures}, ${this.buffered} buffered): ${String(error)}`);
    if (!this.closed) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        void this.flush();
      }, this.retryDelay());
      this.retryTimer.unref();
    }
  }

  private cancelRetry(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  /** Exponential backoff with jitter, so instances that lost the database together do not return in lockstep. */
  private retryDelay(): number {
    const initial = this.options.retryInitialDelayMs ?? 100;
    const max = this.options.retryMaxDelayMs ?? 5_000;
    const ceiling = Math.min(max, initial * 2 ** Math.max(this.failures - 1, 0));
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  private enforceBound(): void {
    const dropped = this.queue.dropOldest(this.buffered - this.options.bufferMax);
    if (dropped === 0) {
      return;
    }
    this.metrics.shed(dropped, 'overflow');
    if (!this.shedding) {
      this.shedding = true;
      this.logger.error(`audit buffer full (${this.options.bufferMax}): shedding the oldest events until writes succeed`);
    }
  }
}
