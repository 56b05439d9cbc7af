import { AppConfig } from '@app/config';
import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';

import { TransactionalConnection } from '../../../database/index.js';
import { AlertClock } from '../alert-clock.js';
import { AlertsMetrics } from '../alerts.metrics.js';
import { AlertDispatcher } from '../dispatch/alert-dispatcher.service.js';
import { AlertEvaluator } from './alert-evaluator.service.js';
import { AlertRepository } from './alert.repository.js';

/** How long resolved alerts stay listed as history (the table would otherwise grow with every flap). */
export const ALERT_HISTORY_MS = 30 * 86_400_000;

/** Arbitrary, fixed: the advisory lock key every instance takes to evaluate ("alerts" in ASCII). */
export const ALERTS_LOCK_KEY = 0x616c65727473;

/**
 * Runs evaluation then dispatch every MONITORING_ALERT_EVAL_INTERVAL_MS. Instances sharing Postgres take a
 * transaction-scoped advisory lock first, so one evaluates and notifies while the others skip that tick; the lock
 * goes with the transaction, even when an instance dies mid-tick. Delivery is at least once: a send whose record
 * fails to commit is sent again.
 */
@Injectable()
export class AlertScheduler implements BeforeApplicationShutdown, OnApplicationBootstrap {
  private readonly logger = new Logger(AlertScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<boolean>;

  constructor(
    private readonly alerts: AlertRepository,
    private readonly clock: AlertClock,
    private readonly config: AppConfig,
    private readonly connection: TransactionalConnection,
    private readonly dispatcher: AlertDispatcher,
    private readonly evaluator: AlertEvaluator,
    private readonly metrics: AlertsMetrics,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.monitoring.alerts.evalIntervalMs);
    this.timer.unref();
  }

  /** Before pools close: stop ticking and let a tick in progress finish its notifications and records. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One evaluation and dispatch now (tests, and the interval); false when another instance holds the lock. */
  async evaluateNow(): Promise<boolean> {
    while (this.running) {
      await this.running.catch(() => undefined);
    }
    this.running = this.runLocked().finally(() => {
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
      this.logger.warn(`Alert evaluation failed (next try in ${this.config.monitoring.alerts.evalIntervalMs} ms): ${(error as Error).message}`);
    }
  }

  /**
   * Evaluation commits before dispatch starts, so an alert a notification links to can already be read; each step
   * takes the lock in its own transaction, and dispatch reads its state afresh, so another instance running it is
   * harmless.
   */
  private async runLocked(): Promise<boolean> {
    const done = this.metrics.startEvaluation();
    try {
      const evaluated = await this.whileLocked(() => this.evaluator.evaluate(this.clock.now()));
      if (!evaluated) {
        return false;
      }
      await this.whileLocked(async () => {
        const now = this.clock.now();
        await this.dispatcher.dispatch(now);
        await this.alerts.deleteResolvedBefore(new Date(now.getTime() - ALERT_HISTORY_MS));
        this.metrics.setStates(await this.alerts.countByState());
      });
      return true;
    } finally {
      done();
    }
  }

  private whileLocked(work: () => Promise<void>): Promise<boolean> {
    return this.connection.transaction(async (manager) => {
      const [row] = await manager.query<Array<{ locked: boolean }>>('SELECT pg_try_advisory_xact_lock($1) AS locked', [ALERTS_LOCK_KEY]);
      if (row?.locked !== true) {
        return false;
      }
      await work();
      return true;
    });
  }
}
