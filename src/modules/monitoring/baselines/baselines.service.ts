import type { Page } from '@app/common';
import { AppConfig } from '@app/config';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { MonitoringException, MonitoringExceptionCode } from '../monitoring.exception.js';
import { RequestStats, type RouteWindowStats, type WindowName } from '../signals/request-stats.js';
import { ActiveBaselineLoader } from './active-baseline.loader.js';
import type { BaselineRoute } from './baseline-route.js';
import { BaselineRepository } from './baseline.repository.js';
import { toBaselineListItem, toBaselineView, type BaselineListItem, type BaselineView } from './baseline-view.js';
import { RegressionClock } from './regressions/regression-clock.js';

function toBaselineRoute(stats: RouteWindowStats): BaselineRoute {
  return { method: stats.method, route: stats.route, requests: stats.requests, p95Ms: stats.p95Ms, p99Ms: stats.p99Ms, errorRate: stats.errorRate };
}

/** Captures, lists, activates and deletes baselines, keeping the regression tracker (through the loader) on the active one. */
@Injectable()
export class BaselinesService {
  constructor(
    private readonly baselines: BaselineRepository,
    private readonly clock: RegressionClock,
    private readonly config: AppConfig,
    private readonly loader: ActiveBaselineLoader,
    private readonly requests: RequestStats,
  ) {}

  /** Records every route with enough traffic in `window` on this instance; it becomes the active baseline. */
  async capture(name: string | undefined, window: WindowName): Promise<BaselineView> {
    const { minRequests } = this.config.monitoring.regression;
    const routes = this.requests
      .routes(window)
      .filter((stats) => stats.requests >= minRequests)
      .map(toBaselineRoute);
    if (routes.length === 0) {
      throw new MonitoringException(
        MonitoringExceptionCode.NOT_ENOUGH_TRAFFIC,
        `No route had at least ${minRequests} requests in the last ${window} (MONITORING_REGRESSION_MIN_REQUESTS); capture again under representative traffic.`,
      );
    }
    const now = new Date(this.clock.now());
    const baseline = await this.baselines.insert({ id: randomUUID(), name: name ?? null, window, routes, createdAt: now, activatedAt: now });
    this.loader.use(baseline);
    return toBaselineView(baseline, baseline.id);
  }

  async list(limit: number, cursor?: string): Promise<Page<BaselineListItem>> {
    const [page, active] = await Promise.all([this.baselines.listPage(limit, cursor), this.baselines.findActive()]);
    return { items: page.items.map((baseline) => toBaselineListItem(baseline, active?.id ?? null)), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<BaselineView> {
    const [baseline, active] = await Promise.all([this.baselines.getByIdOrThrow(id), this.baselines.findActive()]);
    return toBaselineView(baseline, active?.id ?? null);
  }

  /** Judges regressions against `id` from now on, e.g. to go back to a known-good release after a bad capture. */
  async activate(id: string): Promise<BaselineView> {
    const baseline = await this.baselines.markActivated(id, new Date(this.clock.now()));
    if (baseline === null) {
      throw new MonitoringException(MonitoringExceptionCode.BASELINE_NOT_FOUND, `No baseline ${id}.`);
    }
    this.loader.use(baseline);
    return toBaselineView(baseline, baseline.id);
  }

  /** Deleting the active baseline hands the role to the most recently activated one left (or none). */
  async delete(id: string): Promise<void> {
    if (!(await this.baselines.deleteById(id))) {
      throw new MonitoringException(MonitoringExceptionCode.BASELINE_NOT_FOUND, `No baseline ${id}.`);
    }
    await this.loader.refresh();
  }
}
