import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';

import { RECOMMENDATION_INTERVAL_MS } from '../recommendation.constants.js';
import { RecommendationClock } from './recommendation-clock.js';
import { RecommendationEngine, type EvaluationSummary } from './recommendation-engine.service.js';

/** Evaluates every 5 minutes (an unref'd timer: it never holds the process open) and on demand, one run at a time. */
@Injectable()
export class RecommendationScheduler implements BeforeApplicationShutdown, OnApplicationBootstrap {
  private readonly logger = new Logger(RecommendationScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<EvaluationSummary>;

  constructor(
    private readonly clock: RecommendationClock,
    private readonly engine: RecommendationEngine,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), RECOMMENDATION_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Waits for a run in progress, then runs again: the caller sees the data as of its own request. */
  async evaluateNow(): Promise<EvaluationSummary> {
    while (this.running) {
      await this.running.catch(() => undefined);
    }
    this.running = this.engine.evaluate(this.clock.now()).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) {
      return;
    }
    try {
      await this.evaluateNow();
    } catch (error) {
      this.logger.warn(`GPU recommendation evaluation failed (next try in ${RECOMMENDATION_INTERVAL_MS} ms): ${(error as Error).message}`);
    }
  }
}
