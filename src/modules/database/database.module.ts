import { ErrorMapperRegistry } from '@app/common';
import { AppConfig } from '@app/config';
import { Global, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { DatabaseObservabilityController } from './api/database-observability.controller.js';
import { JobsController } from './api/jobs.controller.js';
import { DatabaseEndpoint } from './database-endpoint.service.js';
import { DatabaseShutdown } from './database-shutdown.service.js';
import type { DatabaseSchema } from './data-source-options.js';
import { MigrationState } from './migration-state.service.js';
import { JobProgressRepository } from './jobs/job-progress.repository.js';
import { JobQueue } from './jobs/job-queue.service.js';
import { IndexAdvisor } from './observability/index-advisor.service.js';
import { QueryObserver } from './observability/query-observer.service.js';
import { QueryStatsService } from './observability/query-stats.service.js';
import { openDataSource } from './open-data-source.js';
import { PoolCircuitBreaker } from './pool-circuit-breaker.service.js';
import { PoolStatsService } from './pool-stats.service.js';
import { mapPostgresError } from './postgres-error.mapper.js';
import { TransactionalConnection } from './transactional-connection.js';

/**
 * The one DataSource over pg's pool, for the whole app: connect with retry, migrations at startup (locked),
 * pool stats, query metrics and the slow-query log (/v1/db), context-bound transactions, and Postgres errors mapped
 * to problem+json.
 */
@Global()
@Module({})
export class DatabaseModule implements OnModuleInit {
  constructor(private readonly errorMappers: ErrorMapperRegistry) {}

  static forRoot(schema: DatabaseSchema): DynamicModule {
    return {
      controllers: [DatabaseObservabilityController, JobsController],
      exports: [DataSource, DatabaseEndpoint, JobQueue, MigrationState, PoolCircuitBreaker, PoolStatsService, QueryObserver, TransactionalConnection],
      module: DatabaseModule,
      providers: [
        { inject: [AppConfig, DatabaseEndpoint], provide: DataSource, useFactory: openDataSource(schema) },
        DatabaseEndpoint,
        DatabaseShutdown,
        IndexAdvisor,
        JobProgressRepository,
        JobQueue,
        MigrationState,
        PoolCircuitBreaker,
        PoolStatsService,
        QueryObserver,
        QueryStatsService,
        TransactionalConnection,
      ],
    };
  }

  onModuleInit(): void {
    this.errorMappers.register(mapPostgresError);
  }
}
