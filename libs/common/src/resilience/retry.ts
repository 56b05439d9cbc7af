import { ExponentialBackoff, handleWhen, retry, type RetryPolicy } from 'cockatiel';

export interface RetryOptions {
  /** Retries after the first attempt. */
  retries: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Only errors this accepts are retried; anything else fails at once. */
  isRetryable: (error: unknown) => boolean;
  onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
}

/** Exponential backoff with decorrelated jitter (cockatiel's default generator) over retryable errors only. */
export function createRetryPolicy(options: RetryOptions): RetryPolicy {
  const policy = retry(handleWhen(options.isRetryable), {
    maxAttempts: options.retries,
    backoff: new ExponentialBackoff({ initialDelay: options.initialDelayMs ?? 100, maxDelay: options.maxDelayMs ?? 5_000 }),
  });
  if (options.onRetry) {
    const onRetry = options.onRetry;
    policy.onRetry(({ attempt, delay, ...outcome }) => onRetry(attempt, delay, 'error' in outcome ? outcome.error : undefined));
  }
  return policy;
}
