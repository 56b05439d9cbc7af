import { AppConfig } from '@app/config';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

import { GpuRollupRepository } from './gpu-rollup.repository.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Minutes recomputed on every run: push clients and retried batches deliver late, and a recomputed minute is exact. */
export const ROLLUP_LOOKBACK_MINUTES = 15;

/** When the job runs; replaceable in tests. */
export abstract class GpuRollupClock {
  abstract now(): Date;
}

export class SystemRollupClock extends GpuRollupClock {
  now(): Date {
    return new Date();
  }
}

export interface RollupRun {
  minutes: number;
  samplesDeleted: number;
  rollupsDeleted: number;
}

/**
 * Every minute: rolls the finished minutes of the last quarter hour into gpu_samples_1m, then applies retention.
 * An unref'd interval rather than a pg-boss schedule: each run is idempotent (ON CONFLICT DO UPDATE over the same
 * window), so instances running it side by side only repeat work, and it needs no queue tables.
 */
@Injectable()
export class GpuRollupService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GpuRollupService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly clock: GpuRollupClock,
    private readonly config: AppConfig,
    private readonly rollups: GpuRollupRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.run()
        .catch((error: unknown) => this.logger.warn(`GPU rollup failed (retried next minute): ${String(error)}`))
        .finally(() => {
          this.running = undefined;
        });
    }, MINUTE_MS).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One run at the clock's now: the rollup of finished minutes, then retention. */
  async run(): Promise<RollupRun> {
    const now = this.clock.now();
    const to = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS);
    const from = new Date(to.getTime() - ROLLUP_LOOKBACK_MINUTES * MINUTE_MS);
    const minutes = await this.rollups.rollup(from, to);
    const { rawDays, rollupDays } = this.config.gpu.retention;
    const samplesDeleted = await this.rollups.deleteSamplesBefore(new Date(now.getTime() - rawDays * DAY_MS));
    const rollupsDeleted = await this.rollups.deleteRollupsBefore(new Date(now.getTime() - rollupDays * DAY_MS));
    return { minutes, samplesDeleted, rollupsDeleted };
  }
}
