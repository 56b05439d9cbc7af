import { createRetryPolicy, redactUrl } from '@app/common';
import type { Logger } from '@nestjs/common';
import { DataSource, type DataSourceOptions } from 'typeorm';

import { isTransientDatabaseError } from './transient-error.js';

/**
 * Initialises a DataSource, retrying transient failures (server starting, refused, reset) with exponential
 * backoff and jitter; a bad password or unknown database fails at once.
 */
export async function connectWithRetry(options: DataSourceOptions, attempts: number, logger: Logger): Promise<DataSource> {
  const url = 'url' in options && options.url ? redactUrl(options.url) : 'database';
  const policy = createRetryPolicy({
    retries: Math.max(0, attempts - 1),
    initialDelayMs: 200,
    maxDelayMs: 5_000,
    isRetryable: isTransientDatabaseError,
    onRetry: (attempt, delayMs, error) =>
      logger.warn(`cannot reach ${url} (${error instanceof Error ? error.message : String(error)}); retry ${attempt} in ${Math.round(delayMs)} ms`),
  });
  return policy.execute(async () => {
    const dataSource = new DataSource(options);
    try {
      return await dataSource.initialize();
    } catch (error) {
      await dataSource.destroy().catch(() => undefined);
      throw error;
    }
  });
}
