/** What an edge is asked to drop. URLs are absolute; prefixes are `host/path` without a scheme (Cloudflare's form). */
export interface EdgePurgeRequest {
  urls: readonly string[];
  tags: readonly string[];
  prefixes: readonly string[];
  /** Idempotency key of this purge (the job id): a retried call names the same purge, not a new one. */
  readonly reference?: string;
}

export interface EdgePurgeResult {
  edge: EdgeName;
  /** API calls made. */
  calls: number;
  /** Edge-side ids (CloudFront invalidation ids, Cloudflare purge ids). */
  ids: string[];
}

export type EdgeName = 'cloudflare' | 'cloudfront';

/** A configured edge cache in front of the origin. */
export interface EdgePurger {
  readonly name: EdgeName;
  /** Whether this edge can purge by cache tag itself (otherwise callers expand tags to URLs first). */
  readonly supportsTags: boolean;
  /**
   * Sends the purge in as many calls as the edge's per-call limits need, reporting each finished call. Throws
   * EdgeRateLimitedError when the edge says to slow down, EdgePurgeError otherwise (`retryable` says whether trying
   * again later can help). Purges are idempotent, so a retried job may resend calls that already went through.
   */
  purge(request: EdgePurgeRequest, onCall?: (done: number, total: number) => void): Promise<EdgePurgeResult>;
  /** Releases the edge's client (sockets, SDK agents). */
  close?(): void | Promise<void>;
}

export class EdgePurgeError extends Error {
  constructor(
    readonly edge: EdgeName,
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EdgePurgeError';
  }
}

export class EdgeRateLimitedError extends EdgePurgeError {
  constructor(
    edge: EdgeName,
    /** How long the edge asked us to wait (Retry-After), when it said. */
    readonly retryAfterMs: number | null,
  ) {
    super(edge, `${edge} rate-limited the purge`, true);
    this.name = 'EdgeRateLimitedError';
  }
}
