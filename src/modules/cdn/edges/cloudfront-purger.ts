import { createHash, randomUUID } from 'node:crypto';

import { CloudFrontClient, type CloudFrontClientConfig, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';

import {
  EdgePurgeError,
  type EdgePurgeRequest,
  type EdgePurgeResult,
  type EdgePurger,
  EdgeRateLimitedError,
} from './edge-purger.js';
import { chunk, parseRetryAfter, unique } from './purge-batches.util.js';

/*
 * CloudFront limits (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/InvalidationLimits.html):
 * up to 3,000 individual paths per distribution may be in progress at once, in any number of invalidations, and
 * independently up to 15 wildcard paths. Past either, CreateInvalidation answers 400 TooManyInvalidationsInProgress.
 * We send files 1,000 per invalidation (three may be in flight) and wildcards 15 per invalidation; a later batch
 * that finds the quota full is rate-limited and the purge job tries again once earlier invalidations finish.
 */
const FILE_PATHS_PER_CALL = 1000;
const WILDCARD_PATHS_PER_CALL = 15;
const RATE_LIMIT_ERRORS = new Set(['TooManyInvalidationsInProgress', 'Throttling', 'ThrottlingException', 'TooManyRequestsException', 'SlowDown']);

export interface CloudFrontPurgerOptions {
  distributionId: string;
  endpoint?: string;
  region?: string;
  /** Unset: the AWS default credential chain. */
  credentials?: CloudFrontClientConfig['credentials'];
  /** Replaces the client built from the options above (its owner then also owns destroying it). */
  client?: CloudFrontClient;
  filesPerCall?: number;
  wildcardsPerCall?: number;
}

/** Optional identity of the purge (a job id) that makes CallerReference stable across retries of that purge. */
/** Kept for callers that name it; `reference` is part of EdgePurgeRequest. */
export type CloudFrontPurgeRequest = EdgePurgeRequest;

/** Invalidates paths of a CloudFront distribution; it has no cache tags, so callers expand tags to URLs first. */
export class CloudFrontPurger implements EdgePurger {
  readonly name = 'cloudfront';
  readonly supportsTags = false;
  private readonly client: CloudFrontClient;

  constructor(private readonly options: CloudFrontPurgerOptions) {
    this.client =
      options.client ??
      new CloudFrontClient({
        region: options.region ?? 'us-east-1',
        endpoint: options.endpoint,
        credentials: options.credentials,
        // One attempt: the purge job owns retries and their back-off, so a throttled call comes straight back.
        maxAttempts: 1,
      });
  }

  async purge(request: CloudFrontPurgeRequest, onCall?: (done: number, total: number) => void): Promise<EdgePurgeResult> {
    const batches = this.batchesOf(request);
    const ids: string[] = [];
    for (const [index, paths] of batches.entries()) {
      ids.push(await this.invalidate(paths, callerReference(this.options.distributionId, paths, request.reference)));
      onCall?.(index + 1, batches.length);
    }
    return { edge: this.name, calls: batches.length, ids };
  }

  private batchesOf(request: EdgePurgeRequest): string[][] {
    try {
      const files = unique(request.urls.map(toInvalidationPath));
      const wildcards = unique(request.prefixes.map(toWildcardPath));
      return [
        ...chunk(files, this.options.filesPerCall ?? FILE_PATHS_PER_CALL),
        ...chunk(wildcards, this.options.wildcardsPerCall ?? WILDCARD_PATHS_PER_CALL),
      ];
    } catch (error) {
      // An entry that is no URL fails the same way on every try.
      throw new EdgePurgeError(this.name, `CloudFront purge has an entry that is not a URL: ${(error as Error).message}`, false, { cause: error });
    }
  }

  /** Releases the client's sockets; only for a client this purger built. */
  close(): void {
    if (!this.options.client) {
      this.client.destroy();
    }
  }

  private async invalidate(paths: string[], reference: string): Promise<string> {
    try {
      const output = await this.client.send(
        new CreateInvalidationCommand({
          DistributionId: this.options.distributionId,
          InvalidationBatch: { CallerReference: reference, Paths: { Quantity: paths.length, Items: paths } },
        }),
      );
      const id = output.Invalidation?.Id;
      if (!id) {
        throw new EdgePurgeError(this.name, 'CloudFront answered without an invalidation id', true);
      }
      return id;
    } catch (error) {
      throw this.mapError(error);
    }
  }

  private mapError(error: unknown): EdgePurgeError {
    if (error instanceof EdgePurgeError) {
      return error;
    }
    const failure = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number }; $response?: { headers?: Record<string, string> } };
    const status = failure.$metadata?.httpStatusCode;
    if (RATE_LIMIT_ERRORS.has(failure.name ?? '') || status === 429 || status === 503) {
      return new EdgeRateLimitedError(this.name, parseRetryAfter(failure.$response?.headers?.['retry-after']));
    }
    // No status: the request never got an answer (refused, reset, timed out), so a later try can help.
    // Missing credentials are configuration, which a later try does not fix.
    const retryable = failure.name !== 'CredentialsProviderError' && (status === undefined || status >= 500);
    const message = `CloudFront invalidation failed${status ? ` with HTTP ${status}` : ''}: ${failure.name ?? 'Error'} ${failure.message ?? ''}`;
    return new EdgePurgeError(this.name, message.trim(), retryable, { cause: error });
  }
}

/**
 * CloudFront wants the object path with unsafe and non-ASCII characters percent-encoded, which is what WHATWG URL
 * parsing yields; `*` is escaped too so a literal asterisk in a file name is never read as a wildcard.
 */
export function toInvalidationPath(url: string): string {
  const { pathname, search } = new URL(url);
  return `${pathname}${search}`.replaceAll('*', '%2A');
}

/** `host/path` (Cloudflare's prefix form) to CloudFront's trailing wildcard `/path*`. */
export function toWildcardPath(prefix: string): string {
  const { pathname } = new URL(`https://${prefix.replace(/^https?:\/\//, '')}`);
  return `${pathname.replaceAll('*', '%2A')}*`;
}

/*
 * CloudFront treats a repeated CallerReference with the same paths as the same invalidation, so a retried purge
 * that names itself (a job id) resends its finished batches without new invalidations or quota. Without a name we
 * use a random reference: a hash of the paths alone (even with a time bucket) would make a later, genuine purge of
 * the same paths return the earlier, finished invalidation and leave newer stale copies at the edge.
 */
function callerReference(distributionId: string, paths: string[], reference: string | undefined): string {
  if (reference === undefined) {
    return randomUUID();
  }
  return createHash('sha256').update(JSON.stringify([distributionId, reference, paths])).digest('hex');
}
