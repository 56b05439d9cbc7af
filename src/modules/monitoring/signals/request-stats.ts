/** Sliding windows the in-process latency histograms keep, and their lengths. */
export const WINDOWS = { '1m': 60_000, '5m': 300_000, '1h': 3_600_000 } as const;
export type WindowName = keyof typeof WINDOWS;
export const WINDOW_NAMES = Object.keys(WINDOWS) as WindowName[];

/** Requests seen in one window: rate, errors (5xx) and latency percentiles in milliseconds. */
export interface RequestWindowStats {
  requests: number;
  /** Responses with a 5xx status. */
  errors: number;
  rps: number;
  /** errors / requests; 0 with no requests. */
  errorRate: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface RouteWindowStats extends RequestWindowStats {
  method: string;
  /** The route template (`/v1/assets/:id`), never the raw path. */
  route: string;
}

/** Per-route request statistics over sliding windows (HDR histograms), fed by the HTTP metrics middleware. */
export abstract class RequestStats {
  abstract overall(window: WindowName): RequestWindowStats;
  abstract routes(window: WindowName): RouteWindowStats[];
  abstract route(method: string, route: string, window: WindowName): RequestWindowStats | undefined;
}
