import { RequestStats, type RequestWindowStats, type RouteWindowStats, type WindowName } from '../signals/request-stats.js';
import { SlidingLatency } from './sliding-latency.js';

/** Series idle for a whole hour are dropped at most this often. */
const SWEEP_INTERVAL_MS = 60_000;

/** Per-route and overall sliding-window latency, fed once per finished request. */
export class HdrRequestStats extends RequestStats {
  private readonly series = new Map<string, { method: string; route: string; latency: SlidingLatency }>();
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
    const key = `${method} ${route}`;
    let entry = this.series.get(key);
    if (entry === undefined) {
      // Rates are over the window since the process started, for every route alike: per-route rates add up to the total.
      entry = { method, route, latency: new SlidingLatency(this.startedAt) };
      this.series.set(key, entry);
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
    for (const { method, route, latency } of this.series.values()) {
      const stats = latency.stats(window, now);
      if (stats.requests > 0) {
        routes.push({ method, route, ...stats });
      }
    }
    return routes.sort((a, b) => b.requests - a.requests || a.route.localeCompare(b.route) || a.method.localeCompare(b.method));
  }

  route(method: string, route: string, window: WindowName): RequestWindowStats | undefined {
    return this.series.get(`${method} ${route}`)?.latency.stats(window, this.now());
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [key, { latency }] of this.series) {
      if (latency.isIdle(now)) {
        this.series.delete(key);
      }
    }
  }
}
