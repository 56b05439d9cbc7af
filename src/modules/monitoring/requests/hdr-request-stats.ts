import { getOrCreate } from '@app/common';

import { RequestStats, type RequestWindowStats, type RouteWindowStats, type WindowName } from '../signals/request-stats.js';
import { SlidingLatency } from './sliding-latency.js';

/** Series idle for a whole hour are dropped at most this often. */
const SWEEP_INTERVAL_MS = 60_000;

interface Series {
  readonly method: string;
  readonly route: string;
  readonly latency: SlidingLatency;
}

const newByMethod = (): Map<string, Series> => new Map();

/** Per-route and overall sliding-window latency, fed once per finished request. */
export class HdrRequestStats extends RequestStats {
  /** By route, then method: two lookups of strings the caller already holds, no key built per request. */
  private readonly series = new Map<string, Map<string, Series>>();
  private readonly all: SlidingLatency;
  private readonly startedAt: number;
  private lastSweep: number;

  constructor(private readonly now: () => number = Date.now) {
    super();
    this.startedAt = now();
    this.lastSweep = this.startedAt;
    this.all = new SlidingLatency(this.startedAt);
  }

  record(method: string, route: string, status: number, durationSeconds: number): void {
    const now = this.now();
    const byMethod = getOrCreate(this.series, route, newByMethod);
    let entry = byMethod.get(method);
    if (entry === undefined) {
      // Rates are over the window since the process started, for every route alike: per-route rates add up to the total.
      entry = { method, route, latency: new SlidingLatency(this.startedAt) };
      byMethod.set(method, entry);
    }
    const durationUs = durationSeconds * 1_000_000;
    const isError = status >= 500;
    entry.latency.record(durationUs, isError, now);
    this.all.record(durationUs, isError, now);
    if (now - this.lastSweep > SWEEP_INTERVAL_MS) {
      this.sweep(now);
    }
  }

  overall(window: WindowName): RequestWindowStats {
    return this.all.stats(window, this.now());
  }

  routes(window: WindowName): RouteWindowStats[] {
    const now = this.now();
    const routes: RouteWindowStats[] = [];
    for (const byMethod of this.series.values()) {
      for (const { method, route, latency } of byMethod.values()) {
        const stats = latency.stats(window, now);
        if (stats.requests > 0) {
          routes.push({ method, route, ...stats });
        }
      }
    }
    return routes.sort((a, b) => b.requests - a.requests || a.route.localeCompare(b.route) || a.method.localeCompare(b.method));
  }

  route(method: string, route: string, window: WindowName): RequestWindowStats | undefined {
    return this.series.get(route)?.get(method)?.latency.stats(window, this.now());
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [route, byMethod] of this.series) {
      for (const [method, { latency }] of byMethod) {
        if (latency.isIdle(now)) {
          byMethod.delete(method);
        }
      }
      if (byMethod.size === 0) {
        this.series.delete(route);
      }
    }
  }
}
