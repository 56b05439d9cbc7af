import { MetricsRegistry } from '@app/common';
import { AppConfig } from '@app/config';
import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';

import { RequestStats } from '../../signals/request-stats.js';
import { RegressionSource } from '../../signals/signal.types.js';
import type { ActiveBaseline, Regression } from './regression.js';
import { RegressionClock } from './regression-clock.js';
import { exceedances } from './regression-rules.js';

export const REGRESSION_EVAL_INTERVAL_MS = 5_000;

/** Regressions are judged on the 5-minute window: long enough for stable percentiles, short enough to react. */
const CURRENT_WINDOW = '5m';

/**
 * Compares every route of the active baseline with its 5-minute window every few seconds. A figure above its threshold
 * is tracked from the first evaluation that saw it above (`since`) and counts once it has stayed there for the
 * sustain period; one evaluation back under (or too little traffic to judge) clears it.
 */
@Injectable()
export class RegressionTracker extends RegressionSource implements OnModuleInit, OnApplicationShutdown {
  private baseline: ActiveBaseline | null = null;
  /** Open stretches above threshold, by `method route metric`: when each began. */
  private readonly since = new Map<string, number>();
  private latest: Regression[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly clock: RegressionClock,
    private readonly config: AppConfig,
    registry: MetricsRegistry,
    private readonly requests: RequestStats,
  ) {
    super();
    const gauge: Gauge = new Gauge({
      name: 'bulwark_monitoring_regressed_routes',
      help: 'Routes whose p95, p99 or error rate has stayed above the active baseline for the sustain period.',
      registers: [registry],
      collect: (): void => gauge.set(this.regressedRouteCount()),
    });
  }

  onModuleInit(): void {
    this.timer = setInterval(() => this.evaluate(), REGRESSION_EVAL_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Compares against `baseline` from now on (null: none); open stretches restart when the baseline changes. */
  use(baseline: ActiveBaseline | null): void {
    const same = baseline?.id === this.baseline?.id && baseline?.activatedAt.getTime() === this.baseline?.activatedAt.getTime();
    this.baseline = baseline;
    if (!same) {
      this.since.clear();
      this.latest = [];
    }
  }

  activeBaselineId(): string | null {
    return this.baseline?.id ?? null;
  }

  /** Compares now and returns every figure above its threshold, sustained or not, worst ratio first. */
  evaluate(): Regression[] {
    const now = this.clock.now();
    const { margin, minRequests, sustainMs } = this.config.monitoring.regression;
    const above = new Map<string, Regression>();
    for (const route of this.baseline?.routes ?? []) {
      const current = this.requests.route(route.method, route.route, CURRENT_WINDOW);
      if (current === undefined || current.requests < minRequests) {
        continue;
      }
      for (const exceeded of exceedances(route, current, margin)) {
        const key = `${route.method} ${route.route} ${exceeded.metric}`;
        const since = this.since.get(key) ?? now;
        above.set(key, {
          method: route.method,
          route: route.route,
          ...exceeded,
          since: new Date(since).toISOString(),
          sustained: now - since >= sustainMs,
          baselineId: this.baseline!.id,
        });
      }
    }
    this.rememberStretches(above, now);
    this.latest = [...above.values()].sort((a, b) => (b.ratio ?? Infinity) - (a.ratio ?? Infinity) || a.route.localeCompare(b.route));
    return this.latest;
  }

  /** The figures above threshold at the last evaluation. */
  regressions(): Regression[] {
    return this.latest;
  }

  regressedRouteCount(): number {
    return new Set(this.latest.filter((one) => one.sustained).map((one) => `${one.method} ${one.route}`)).size;
  }

  private rememberStretches(above: ReadonlyMap<string, Regression>, now: number): void {
    for (const key of this.since.keys()) {
      if (!above.has(key)) {
        this.since.delete(key);
      }
    }
    for (const key of above.keys()) {
      if (!this.since.has(key)) {
        this.since.set(key, now);
      }
    }
  }
}
