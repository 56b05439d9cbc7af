import type { DatabaseConfig } from '@app/config';
import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

import { SnakeNamingStrategy } from './snake-naming.strategy.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity/migration classes
export type SchemaClass = Function;

export interface DatabaseSchema {
  entities: MixedList<SchemaClass | string | EntitySchema>;
  migrations: SchemaClass[];
}

/**
 * The one description of Bulwark's DataSource, shared by the app, the migration CLI and the tests, so all
 * three see the same pool, naming and migrations. `synchronize` is never on: migrations own the schema.
 */
export function dataSourceOptions(url: string, config: DatabaseConfig, schema: DatabaseSchema): DataSourceOptions {
  return {
    type: 'postgres',
    // With replicas, TypeORM sends query-builder reads outside transactions to them and everything else to the primary.
    ...(config.replicaUrls.length === 0 ? { url } : { replication: { master: { url }, slaves: config.replicaUrls.map((replica) => ({ url: replica })) } }),
    applicationName: config.applicationName,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    migrationsRun: false,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is core since PostgreSQL 13; extensions, when needed, are created by migrations, so the
    // app never needs CREATE EXTENSION rights at connect time.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    poolSize: config.pool.max,
    connectTimeoutMS: config.pool.acquireTimeoutMs,
    extra: {
      min: config.pool.min,
      idleTimeoutMillis: config.pool.idleTimeoutMs,
      connectionTimeoutMillis: config.pool.acquireTimeoutMs,
      statement_timeout: config.statementTimeoutMs === 0 ? undefined : config.statementTimeoutMs,
    },
  };
}
