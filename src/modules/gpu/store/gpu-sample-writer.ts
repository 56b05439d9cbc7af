import { FifoQueue } from '@app/common';
import { Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';

import type { GpuSample } from '../telemetry/gpu-telemetry.types.js';
import type { GpuSampleSink } from './gpu-sample-persister.service.js';

/**
 * Why samples were dropped: the buffer overflowed during an outage, shutdown could not write them, they came after
 * shutdown began, or PostgreSQL refused the batch's data itself (retrying it would block every later sample).
 */
export type GpuShedReason = 'overflow' | 'shutdown' | 'closed' | 'invalid';

export interface GpuSampleWriterMetrics {
  written(count: number): void;
  shed(count: number, reason: GpuShedReason): void;
  writeFailed(): void;
  flushed(seconds: number): void;
}

export interface GpuSampleWriterOptions {
  /** A batch goes out as soon as this many samples wait (and is at most this big). */
  rows: number;
  intervalMs: number;
  bufferMaxRows: number;
  /** Delay before the first retry after a failed write; doubles with each consecutive failure. */
  retryInitialDelayMs?: number;
  retryMaxDelayMs?: number;
  /** Write attempts on shutdown before what is left is shed (and counted). */
  shutdownAttempts?: number;
  /** Whether an error means the batch itself is unwritable (bad data), rather than the database being away. */
  isRejectedBatch?: (error: unknown) => boolean;
}

/** The clock of the writer's timers, replaceable in tests. */
export interface WriterTimers {
  now(): number;
  setInterval(callback: () => void, ms: number): NodeJS.Timeout;
  setTimeout(callback: () => void, ms: number): NodeJS.Timeout;
}

const systemTimers: WriterTimers = {
  now: () => performance.now(),
  setInterval: (callback, ms) => setInterval(callback, ms).unref(),
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
};

/**
 * The batching sample writer: `enqueue()` only buffers; a batch goes out when `rows` samples wait or every
 * `intervalMs`. A failed write keeps its samples (at the front, in order) and is retried with backoff; while the
 * database is away the buffer is bounded by `bufferMaxRows`, beyond which the oldest samples are shed and counted.
 * Shutdown flushes before the pool closes (beforeApplicationShutdown runs before any onApplicationShutdown).
 */
export class GpuSampleWriter implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(GpuSampleWriter.name);
  private readonly queue = new FifoQueue<GpuSample>();
  private inFlight = 0;
  private draining?: Promise<boolean>;
  private failures = 0;
  private shedding = false;
  private retryTimer?: NodeJS.Timeout;
  private interval?: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly sink: GpuSampleSink,
    private readonly options: GpuSampleWriterOptions,
    private readonly metrics: GpuSampleWriterMetrics,
    private readonly timers: WriterTimers = systemTimers,
  ) {}

  /** Samples waiting to be written, the batch being written included. */
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
    this.interval ??= this.timers.setInterval(() => this.flushSoon(), this.options.intervalMs);
  }

  /** Buffers and returns at once; never throws, never waits for the database. */
  enqueue(samples: readonly GpuSample[]): void {
    if (this.closed) {
      this.metrics.shed(samples.length, 'closed');
      this.logger.error(`${samples.length} GPU samples arrived after shutdown began: dropped`);
      return;
    }
    for (const sample of samples) {
      this.queue.push(sample);
    }
    this.enforceBound();
    if (this.queue.length >= this.options.rows) {
      this.flushSoon();
    }
  }

  /**
   * Writes everything buffered now. Resolves true once the buffer is empty, false when a write failed (its samples
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
      this.logger.error(`${lost} GPU samples could not be written before shutdown: shed`);
    }
  }

  private flushSoon(): void {
    if (this.retryTimer === undefined && this.draining === undefined && this.queue.length > 0) {
      void this.flush();
    }
  }

  private async drain(): Promise<boolean> {
    while (this.queue.length > 0) {
      const batch = this.queue.take(this.options.rows);
      this.inFlight = batch.length;
      const started = this.timers.now();
      try {
        await this.sink.write(batch);
      } catch (error) {
        this.inFlight = 0;
        if (this.options.isRejectedBatch?.(error)) {
          this.metrics.shed(batch.length, 'invalid');
          this.logger.error(`PostgreSQL refused a batch of ${batch.length} GPU samples as invalid: shed (${String(error)})`);
          continue;
        }
        this.queue.putBack(batch);
        this.onWriteFailed(error);
        return false;
      }
      this.inFlight = 0;
      this.failures = 0;
      this.shedding = false;
      this.metrics.flushed((this.timers.now() - started) / 1_000);
      this.metrics.written(batch.length);
    }
    return true;
  }

  private onWriteFailed(error: unknown): void {
    this.failures += 1;
    this.metrics.writeFailed();
    this.enforceBound();
    this.logger.warn(`writing GPU samples failed (attempt ${this.failures}, ${this.buffered} buffered): ${String(error)}`);
    if (!this.closed) {
      this.retryTimer = this.timers.setTimeout(() => {
        this.retryTimer = undefined;
        void this.flush();
      }, this.retryDelay());
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
    const dropped = this.queue.dropOldest(this.buffered - this.options.bufferMaxRows);
    if (dropped === 0) {
      return;
    }
    this.metrics.shed(dropped, 'overflow');
    if (!this.shedding) {
      this.shedding = true;
      this.logger.error(`GPU sample buffer full (${this.options.bufferMaxRows}): shedding the oldest samples until writes succeed`);
    }
  }
}
