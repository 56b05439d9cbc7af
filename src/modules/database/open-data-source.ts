import { AppConfig } from '@app/config';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

import { connectWithRetry } from './connect-with-retry.js';
import { DatabaseEndpoint } from './database-endpoint.service.js';
import { dataSourceOptions, type DatabaseSchema } from './data-source-options.js';
import { runMigrationsLocked } from './run-migrations.js';

const logger = new Logger('Database');

/** Provider factory of the one DataSource: resolve the endpoint, connect with retry, migrate if configured. */
export function openDataSource(schema: DatabaseSchema) {
  return async (config: AppConfig, endpoint: DatabaseEndpoint): Promise<DataSource> => {
    const options = dataSourceOptions(await endpoint.url(), config.database, schema);
    const dataSource = await connectWithRetry(options, config.database.connectAttempts, logger);
    if (config.database.migrationsRun) {
      await runMigrationsLocked(dataSource, logger);
    }
    return dataSource;
  };
}
