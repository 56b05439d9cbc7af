import {
  EdgePurgeError,
  type EdgePurgeRequest,
  type EdgePurgeResult,
  type EdgePurger,
  EdgeRateLimitedError,
} from './edge-purger.js';
import { chunk, parseRetryAfter, unique } from './purge-batches.util.js';

/*
 * Cloudflare purge limits (https://developers.cloudflare.com/cache/how-to/purge-cache/, read 2026-11):
 * - URL, hostname, tag, prefix and purge-everything are available on every plan.
 * - At most 100 operations (URLs, tags, hosts or prefixes) per request on every plan; Enterprise may send 500 URLs.
 *   Hence CDN_CLOUDFLARE_PURGE_BATCH defaults to 100 and is capped at 500.
 * - Limits are per account, as token buckets: tag/host/prefix purges Free 5 requests/minute (bucket 25), Pro
 *   5/s (25), Business 10/s (50), Enterprise 50/s (500); single-file purges 800 URLs/s on Free up to 3,000 URLs/s on
 *   Enterprise (moving average).
 * Past a limit the API answers 429 (error code 971 in the v4 envelope, "Please wait and consider throttling your
 * request speed") with Retry-After. We do not pace calls ourselves: the purge job retries after the wait it is told.
 */
const RATE_LIMIT_CODE = 971;

type PurgeKind = 'files' | 'tags' | 'prefixes';

interface CloudflareEnvelope {
  success?: boolean;
  errors?: { code?: number; message?: string }[];
  result?: { id?: string } | null;
}

export interface CloudflarePurgerOptions {
  zoneId: string;
  apiToken: string;
  /** v4 API base, without a trailing slash. */
  apiUrl: string;
  /** Entries per call (the plan's per-request cap). */
  batchSize: number;
  fetch?: typeof fetch;
  timeoutMs: number;
}

/** Purges a Cloudflare zone through the v4 `purge_cache` endpoint, one kind of entry per call. */
export class CloudflarePurger implements EdgePurger {
  readonly name = 'cloudflare';
  readonly supportsTags = true;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: CloudflarePurgerOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async purge(request: EdgePurgeRequest, onCall?: (done: number, total: number) => void): Promise<EdgePurgeResult> {
    const calls = (['files', 'tags', 'prefixes'] as const).flatMap((kind) =>
      chunk(unique(entriesOf(request, kind)), this.options.batchSize).map((entries) => ({ kind, entries })),
    );
    const ids: string[] = [];
    for (const [index, call] of calls.entries()) {
      ids.push(await this.send(call.kind, call.entries));
      onCall?.(index + 1, calls.length);
    }
    return { edge: this.name, calls: calls.length, ids };
  }

  private async send(kind: PurgeKind, entries: string[]): Promise<string> {
    const { apiUrl, zoneId, apiToken, timeoutMs } = this.options;
    let response: Response;
    try {
      response = await this.fetch(`${apiUrl}/zones/${encodeURIComponent(zoneId)}/purge_cache`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ [kind]: entries }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      // The request never got an answer (refused, reset, timed out): trying again later can help.
      throw new EdgePurgeError(this.name, `Cloudflare purge request failed: ${describe(error)}`, true, { cause: error });
    }
    const envelope = await readEnvelope(response);
    return this.resultOf(response, envelope);
  }

  private resultOf(response: Response, envelope: CloudflareEnvelope | null): string {
    const errors = envelope?.errors ?? [];
    if (response.status === 429 || errors.some((error) => error.code === RATE_LIMIT_CODE)) {
      throw new EdgeRateLimitedError(this.name, parseRetryAfter(response.headers.get('retry-after')));
    }
    const id = envelope?.result?.id;
    if (response.ok && envelope?.success === true && typeof id === 'string') {
      return id;
    }
    const detail = errors.map((error) => `${error.code ?? '?'} ${error.message ?? ''}`.trim()).join('; ') || 'no error detail';
    // Only the status and Cloudflare's own error list go into the message: never the request or its token.
    throw new EdgePurgeError(this.name, `Cloudflare purge failed with HTTP ${response.status}: ${detail}`, response.status >= 500);
  }
}

function entriesOf(request: EdgePurgeRequest, kind: PurgeKind): readonly string[] {
  switch (kind) {
    case 'files':
      return request.urls;
    case 'tags':
      return request.tags;
    case 'prefixes':
      return request.prefixes;
  }
}

async function readEnvelope(response: Response): Promise<CloudflareEnvelope | null> {
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null ? body : null;
  } catch {
    // Proxies in front of the API answer 5xx with HTML; the status alone decides then.
    return null;
  }
}

function describe(error: unknown): string {
  // Duck-typed: the abort's DOMException and undici's errors may come from another realm than this module's Error.
  const failure = (error ?? {}) as { name?: string; message?: string; cause?: { code?: string } };
  if (failure.name === 'TimeoutError') {
    return 'timed out';
  }
  return failure.cause?.code ?? failure.message ?? String(error);
}
