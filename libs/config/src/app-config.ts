import { resolve } from 'node:path';

import type { EnvironmentVariables, LogLevel, NodeEnv } from './environment-variables.js';

export type DatabaseMode = 'embedded' | 'external';

export interface DatabaseConfig {
  mode: DatabaseMode;
  /** Set in external mode; the embedded server's URL is known only once it runs. */
  url?: string;
  embedded: { port: number; password: string; dataDir: string };
  pool: { max: number; min: number; idleTimeoutMs: number; acquireTimeoutMs: number };
  statementTimeoutMs: number;
  applicationName: string;
  migrationsRun: boolean;
  connectAttempts: number;
}

/** Typed, validated configuration. Inject it; never read `process.env` outside `@app/config`. */
export class AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly server: { host: string; port: number; dataDir: string };
  readonly logging: { level: LogLevel; requests: boolean };
  readonly database: DatabaseConfig;
  readonly redis: { url?: string; commandTimeoutMs: number };
  readonly http: { bodyLimitBytes: number; corsOrigins: string[]; docsEnabled: boolean };
  readonly shutdown: { drainDelayMs: number; timeoutMs: number };

  constructor(
    vars: EnvironmentVariables,
    /** Names of secrets taken from the generated dev-secrets store. */
    readonly devSecrets: readonly string[] = [],
  ) {
    const dataDir = resolve(vars.DATA_DIR);
    this.nodeEnv = vars.NODE_ENV;
    this.server = { host: vars.HOST, port: vars.PORT, dataDir };
    this.logging = { level: vars.LOG_LEVEL, requests: vars.LOG_REQUESTS };
    this.database = {
      mode: vars.DATABASE_URL === undefined ? 'embedded' : 'external',
      url: vars.DATABASE_URL,
      embedded: {
        port: vars.DATABASE_EMBEDDED_PORT,
        password: vars.DATABASE_EMBEDDED_PASSWORD ?? '',
        dataDir: resolve(dataDir, 'pg'),
      },
      pool: {
        max: vars.DATABASE_POOL_MAX,
        min: Math.min(vars.DATABASE_POOL_MIN, vars.DATABASE_POOL_MAX),
        idleTimeoutMs: vars.DATABASE_IDLE_TIMEOUT_MS,
        acquireTimeoutMs: vars.DATABASE_ACQUIRE_TIMEOUT_MS,
      },
      statementTimeoutMs: vars.DATABASE_STATEMENT_TIMEOUT_MS,
      applicationName: vars.DATABASE_APPLICATION_NAME,
      migrationsRun: vars.DATABASE_MIGRATIONS_RUN,
      connectAttempts: vars.DATABASE_CONNECT_ATTEMPTS,
    };
    this.redis = { url: vars.REDIS_URL, commandTimeoutMs: vars.REDIS_COMMAND_TIMEOUT_MS };
    this.http = {
      bodyLimitBytes: vars.HTTP_BODY_LIMIT_BYTES,
      corsOrigins: vars.HTTP_CORS_ORIGINS.split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin.length > 0),
      docsEnabled: vars.HTTP_DOCS_ENABLED,
    };
    this.shutdown = { drainDelayMs: vars.SHUTDOWN_DRAIN_DELAY_MS, timeoutMs: vars.SHUTDOWN_TIMEOUT_MS };
  }

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }

  get redisConfigured(): boolean {
    return this.redis.url !== undefined;
  }
}
