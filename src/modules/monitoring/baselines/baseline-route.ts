/** One route as a baseline recorded it: its traffic and the figures regressions are judged against. */
export interface BaselineRoute {
  method: string;
  /** The route template (`/v1/assets/:id`). */
  route: string;
  /** Requests in the captured window (how much evidence the figures rest on). */
  requests: number;
  p95Ms: number;
  p99Ms: number;
  /** 5xx responses / requests, 0–1. */
  errorRate: number;
}
