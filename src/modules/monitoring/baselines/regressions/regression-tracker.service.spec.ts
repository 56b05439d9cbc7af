import { MetricsRegistry } from '@app/common';
import { testConfig } from '@app/testing';

import { RequestStats, type RequestWindowStats, type RouteWindowStats, type WindowName } from '../../signals/request-stats.js';
import type { BaselineRoute } from '../baseline-route.js';
import type { ActiveBaseline } from './regression.js';
import { RegressionClock } from './regression-clock.js';
import { RegressionTracker } from './regression-tracker.service.js';

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);
const SUSTAIN_MS = 60_000;

class MovableClock extends RegressionClock {
  at = T0;

  override now(): number {
    return this.at;
  }
}

/** Request windows set by the test: one 5-minute figure set per route. */
class SetRequestStats extends RequestStats {
  readonly windows = new Map<string, RequestWindowStats>();
  readonly asked: WindowName[] = [];

  set(method: string, route: string, figures: Partial<RequestWindowStats>): void {
    this.windows.set(`${method} ${route}`, { ...QUIET, ...figures });
  }

  overall(): RequestWindowStats {
    return QUIET;
  }

  routes(): RouteWindowStats[] {
    return [];
  }

  route(method: string, route: string, window: WindowName): RequestWindowStats | undefined {
    this.asked.push(window);
    return this.windows.get(`${method} ${route}`);
  }
}

const QUIET: RequestWindowStats = { requests: 100, errors: 0, rps: 1, errorRate: 0, meanMs: 8, p50Ms: 8, p95Ms: 10, p99Ms: 20, maxMs: 30 };

const route = (overrides: Partial<BaselineRoute> = {}): BaselineRoute => ({
  method: 'GET',
  route: '/v1/things/:id',
  requests: 100,
  p95Ms: 10,
  p99Ms: 20,
  errorRate: 0,
  ...overrides,
});

const baseline = (routes: BaselineRoute[], id = 'b1', activatedAt = new Date(T0 - 1_000)): ActiveBaseline => ({ id, activatedAt, routes });

describe(RegressionTracker.name, () => {
  let clock: MovableClock;
  let requests: SetRequestStats;
  let registry: MetricsRegistry;
  let tracker: RegressionTracker;

  beforeEach(() => {
    clock = new MovableClock();
    requests = new SetRequestStats();
    registry = new MetricsRegistry();
    const config = testConfig({
      MONITORING_REGRESSION_MARGIN: '0.2',
      MONITORING_REGRESSION_SUSTAIN_MS: String(SUSTAIN_MS),
      MONITORING_REGRESSION_MIN_REQUESTS: '20',
    });
    tracker = new RegressionTracker(clock, config, registry, requests);
  });

  describe('evaluate', () => {
    it('finds nothing without a baseline', () => {
      requests.set('GET', '/v1/things/:id', { p95Ms: 500 });
      expect(tracker.evaluate()).toEqual([]);
      expect(tracker.regressedRouteCount()).toBe(0);
    });

    it('judges the 5-minute window', () => {
      tracker.use(baseline([route()]));
      requests.set('GET', '/v1/things/:id', {});
      tracker.evaluate();
      expect(requests.asked).toEqual(['5m']);
    });

    it('lets a route at exactly baseline × (1 + margin) pass and flags it just above', () => {
      tracker.use(baseline([route({ p95Ms: 100, p99Ms: 1_000 })]));
      requests.set('GET', '/v1/things/:id', { p95Ms: 120, p99Ms: 1_000 });
      expect(tracker.evaluate()).toEqual([]);
      requests.set('GET', '/v1/things/:id', { p95Ms: 120.5, p99Ms: 1_000 });
      expect(tracker.evaluate()).toEqual([
        expect.objectContaining({ method: 'GET', route: '/v1/things/:id', metric: 'p95Ms', baseline: 100, current: 120.5, threshold: 120, baselineId: 'b1' }),
      ]);
    });

    it('gives the ratio of current to baseline', () => {
      tracker.use(baseline([route({ p99Ms: 20 })]));
      requests.set('GET', '/v1/things/:id', { p99Ms: 50 });
      expect(tracker.evaluate()[0]).toMatchObject({ metric: 'p99Ms', ratio: 2.5 });
    });

    it('needs latency to grow by at least 2 ms, whatever the ratio', () => {
      tracker.use(baseline([route({ p95Ms: 0.5, p99Ms: 0.8 })]));
      requests.set('GET', '/v1/things/:id', { p95Ms: 2.4, p99Ms: 2.7 });
      expect(tracker.evaluate()).toEqual([]);
      requests.set('GET', '/v1/things/:id', { p95Ms: 2.6, p99Ms: 2.7 });
      expect(tracker.evaluate().map((one) => one.metric)).toEqual(['p95Ms']);
    });

    it('needs the error rate to grow by at least one percentage point above a nil baseline', () => {
      tracker.use(baseline([route({ errorRate: 0 })]));
      requests.set('GET', '/v1/things/:id', { errorRate: 0.009 });
      expect(tracker.evaluate()).toEqual([]);
      requests.set('GET', '/v1/things/:id', { errorRate: 0.03 });
      expect(tracker.evaluate()).toEqual([expect.objectContaining({ metric: 'errorRate', baseline: 0, current: 0.03, threshold: 0.01, ratio: null })]);
    });

    it('uses the relative margin for an error rate where it is the larger step', () => {
      tracker.use(baseline([route({ errorRate: 0.1 })]));
      requests.set('GET', '/v1/things/:id', { errorRate: 0.115 });
      expect(tracker.evaluate()).toEqual([]);
      requests.set('GET', '/v1/things/:id', { errorRate: 0.13 });
      expect(tracker.evaluate()[0]).toMatchObject({ metric: 'errorRate', threshold: 0.12 });
    });

    it('skips a route with fewer than the minimum requests in the window, and one with no traffic at all', () => {
      tracker.use(baseline([route(), route({ route: '/v1/other' })]));
      requests.set('GET', '/v1/things/:id', { requests: 19, p95Ms: 900 });
      expect(tracker.evaluate()).toEqual([]);
    });

    it('matches routes by method as well as template', () => {
      tracker.use(baseline([route({ method: 'POST' })]));
      requests.set('GET', '/v1/things/:id', { p95Ms: 900 });
      expect(tracker.evaluate()).toEqual([]);
    });

    it('lists the worst ratio first', () => {
      tracker.use(baseline([route({ route: '/a' }), route({ route: '/b' })]));
      requests.set('GET', '/a', { p95Ms: 30 });
      requests.set('GET', '/b', { p95Ms: 90 });
      expect(tracker.evaluate().map((one) => one.route)).toEqual(['/b', '/a']);
    });
  });

  describe('sustain', () => {
    beforeEach(() => {
      tracker.use(baseline([route()]));
      requests.set('GET', '/v1/things/:id', { p95Ms: 50 });
    });

    it('counts a route as regressed only once it has stayed above for the sustain period', () => {
      expect(tracker.evaluate()).toEqual([expect.objectContaining({ sustained: false, since: new Date(T0).toISOString() })]);
      clock.at = T0 + SUSTAIN_MS - 1;
      expect(tracker.evaluate()[0]!.sustained).toBe(false);
      expect(tracker.regressedRouteCount()).toBe(0);
      clock.at = T0 + SUSTAIN_MS;
      expect(tracker.evaluate()).toEqual([expect.objectContaining({ sustained: true, since: new Date(T0).toISOString() })]);
      expect(tracker.regressedRouteCount()).toBe(1);
    });

    it('starts over when the route falls back under its threshold in between', () => {
      tracker.evaluate();
      clock.at = T0 + 30_000;
      requests.set('GET', '/v1/things/:id', { p95Ms: 11 });
      expect(tracker.evaluate()).toEqual([]);
      clock.at = T0 + 40_000;
      requests.set('GET', '/v1/things/:id', { p95Ms: 50 });
      tracker.evaluate();
      clock.at = T0 + SUSTAIN_MS + 1;
      expect(tracker.evaluate()[0]).toMatchObject({ sustained: false, since: new Date(T0 + 40_000).toISOString() });
    });

    it('starts over when traffic drops below the minimum in between', () => {
      tracker.evaluate();
      clock.at = T0 + 30_000;
      requests.set('GET', '/v1/things/:id', { requests: 5, p95Ms: 50 });
      tracker.evaluate();
      clock.at = T0 + 40_000;
      requests.set('GET', '/v1/things/:id', { p95Ms: 50 });
      expect(tracker.evaluate()[0]!.since).toBe(new Date(T0 + 40_000).toISOString());
    });

    it('tracks each figure of a route apart but counts the route once', () => {
      requests.set('GET', '/v1/things/:id', { p95Ms: 50 });
      tracker.evaluate();
      requests.set('GET', '/v1/things/:id', { p95Ms: 50, p99Ms: 90 });
      clock.at = T0 + SUSTAIN_MS + 5_000;
      const found = tracker.evaluate();
      expect(found.map((one) => [one.metric, one.since])).toEqual(
        expect.arrayContaining([
          ['p95Ms', new Date(T0).toISOString()],
          ['p99Ms', new Date(T0 + SUSTAIN_MS + 5_000).toISOString()],
        ]),
      );
      expect(tracker.regressedRouteCount()).toBe(1);
    });

    it('counts every regressed route', () => {
      tracker.use(baseline([route({ route: '/a' }), route({ route: '/b' })]));
      requests.set('GET', '/a', { p95Ms: 50 });
      requests.set('GET', '/b', { errorRate: 0.5 });
      tracker.evaluate();
      clock.at = T0 + SUSTAIN_MS;
      tracker.evaluate();
      expect(tracker.regressedRouteCount()).toBe(2);
    });
  });

  describe('use', () => {
    it('starts every stretch over when another baseline becomes active', () => {
      tracker.use(baseline([route()]));
      requests.set('GET', '/v1/things/:id', { p95Ms: 50 });
      tracker.evaluate();
      clock.at = T0 + SUSTAIN_MS;
      tracker.use(baseline([route()], 'b2'));
      expect(tracker.regressions()).toEqual([]);
      expect(tracker.evaluate()[0]).toMatchObject({ baselineId: 'b2', sustained: false, since: new Date(T0 + SUSTAIN_MS).toISOString() });
    });

    it('keeps stretches when the same baseline is loaded again (periodic refresh)', () => {
      tracker.use(baseline([route()]));
      requests.set('GET', '/v1/things/:id', { p95Ms: 50 });
      tracker.evaluate();
      clock.at = T0 + SUSTAIN_MS;
      tracker.use(baseline([route()]));
      expect(tracker.evaluate()[0]).toMatchObject({ sustained: true, since: new Date(T0).toISOString() });
    });

    it('starts over when the same baseline is activated again', () => {
      tracker.use(baseline([route()]));
      requests.set('GET', '/v1/things/:id', { p95Ms: 50 });
      tracker.evaluate();
      clock.at = T0 + SUSTAIN_MS;
      tracker.use(baseline([route()], 'b1', new Date(T0 + 1)));
      expect(tracker.evaluate()[0]!.sustained).toBe(false);
    });

    it('stops judging when no baseline is left', () => {
      tracker.use(baseline([route()]));
      requests.set('GET', '/v1/things/:id', { p95Ms: 50 });
      tracker.evaluate();
      tracker.use(null);
      expect(tracker.evaluate()).toEqual([]);
      expect(tracker.activeBaselineId()).toBeNull();
    });
  });

  describe('bulwark_monitoring_regressed_routes', () => {
    it('reports the regressed route count at scrape time', async () => {
      tracker.use(baseline([route()]));
      requests.set('GET', '/v1/things/:id', { p95Ms: 50 });
      tracker.evaluate();
      clock.at = T0 + SUSTAIN_MS;
      tracker.evaluate();
      expect(await registry.getSingleMetricAsString('bulwark_monitoring_regressed_routes')).toMatch(/^bulwark_monitoring_regressed_routes 1$/m);
    });
  });
});
