import { ErrorMapperRegistry } from '@app/common';
import { AppConfig } from '@app/config';
import { Global, Logger, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';

import { connectWithRetry } from './connect-with-retry.js';
import { DatabaseEndpoint } from './database-endpoint.service.js';
import { DatabaseEndpointModule } from './database-endpoint.module.js';
import { dataSourceOptions, type DatabaseSchema } from './data-source-options.js';
import { MigrationState } from './migration-state.service.js';
import { PoolStatsService } from './pool-stats.service.js';
import { mapPostgresError } from './postgres-error.mapper.js';
import { runMigrationsLocked } from './run-migrations.js';
import { TransactionalConnection } from './transactional-connection.js';

const logger = new Logger('Database');

/**
 * The one DataSource over pg's pool, for the whole app: connect with retry, migrations at startup (locked),
 * pool stats, context-bound transactions, and Postgres errors mapped to problem+json.
 */
@Global()
@Module({})
export class DatabaseModule implements OnModuleInit {
  constructor(private readonly errorMappers: ErrorMapperRegistry) {}

  static forRoot(schema: DatabaseSchema): DynamicModule {
    return {
      exports: [DatabaseEndpointModule, MigrationState, PoolStatsService, TransactionalConnection],
      imports: [
        DatabaseEndpointModule,
        TypeOrmModule.forRootAsync({
          dataSourceFactory: async (options?: DataSourceOptions) => {
            const config = configOf(options);
            const dataSource = await connectWithRetry(options!, config.connectAttempts, logger);
            if (config.migrationsRun) {
              await runMigrationsLocked(dataSource, logger);
            }
            return dataSource;
          },
          imports: [DatabaseEndpointModule],
          inject: [AppConfig, DatabaseEndpoint],
          useFactory: async (config: AppConfig, endpoint: DatabaseEndpoint) => ({
            ...dataSourceOptions(await endpoint.url(), config.database, schema),
            retryAttempts: 0,
            [CONFIG]: config.database,
          }),
        }),
      ],
      module: DatabaseModule,
      providers: [MigrationState, PoolStatsService, TransactionalConnection],
    };
  }

  onModuleInit(): void {
    this.errorMappers.register(mapPostgresError);
  }
}

/** The factory's options carry our config along, since dataSourceFactory sees only what useFactory returned. */
const CONFIG = Symbol('bulwark.databaseConfig');

function configOf(options: DataSourceOptions | undefined): AppConfig['database'] {
  const config = (options as (DataSourceOptions & { [CONFIG]?: AppConfig['database'] }) | undefined)?.[CONFIG];
  if (!config) {
    throw new Error('DatabaseModule: data source options lost their config');
  }
  return config;
}
