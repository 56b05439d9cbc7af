import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

import { BaselineRepository } from './baseline.repository.js';
import type { BaselineEntity } from './baseline.entity.js';
import type { ActiveBaseline } from './regressions/regression.js';
import { RegressionTracker } from './regressions/regression-tracker.service.js';

/** Another instance may capture or activate a baseline; every instance picks it up within this long. */
const REFRESH_INTERVAL_MS = 30_000;

function toActiveBaseline(baseline: BaselineEntity): ActiveBaseline {
  return { id: baseline.id, activatedAt: baseline.activatedAt, routes: baseline.routes };
}

/** Keeps the regression tracker comparing against the active baseline in the database (at boot, then periodically). */
@Injectable()
export class ActiveBaselineLoader implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Baselines');
  private timer: NodeJS.Timeout | undefined;
  /** Bumped by every load and local change, so a refresh that read the table before a newer one cannot undo it. */
  private generation = 0;

  constructor(
    private readonly baselines: BaselineRepository,
    private readonly tracker: RegressionTracker,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refreshQuietly();
    this.timer = setInterval(() => void this.refreshQuietly(), REFRESH_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Re-reads the active baseline (after a delete here, or periodically for changes made by other instances). */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const active = await this.baselines.findActive();
    if (generation === this.generation) {
      this.tracker.use(active === null ? null : toActiveBaseline(active));
    }
  }

  /** A baseline this instance just captured or activated: used at once, and not undone by a refresh already under way. */
  use(baseline: BaselineEntity): void {
    this.generation += 1;
    this.tracker.use(toActiveBaseline(baseline));
  }

  /** A database outage keeps the last known baseline: regressions stay judged while Postgres recovers. */
  private async refreshQuietly(): Promise<void> {
    try {
      await this.refresh();
    } catch (error) {
      this.logger.warn(`Could not load the active baseline; keeping the last one: ${(error as Error).message}`);
    }
  }
}
