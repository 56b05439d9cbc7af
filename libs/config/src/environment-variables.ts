import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { randomBytes } from 'node:crypto';

import { EnvVar } from './env-var.decorator.js';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') {
    return value;
  }
  const normalised = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(normalised)) {
    return true;
  }
  if (['false', '0', 'no', 'off'].includes(normalised)) {
    return false;
  }
  return value;
};

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const POSTGRES_URL = /^postgres(ql)?:\/\/[^\s]+$/;
const REDIS_URL = /^rediss?:\/\/[^\s]+$/;

/**
 * The one schema of Bulwark's environment. Every variable is declared here once, with its default,
 * validation, description, group and sensitivity; `.env.example` and the README table are generated from it.
 */
export class EnvironmentVariables {
  @EnvVar({ group: 'server', description: 'Runtime mode. `production` refuses generated dev secrets.' })
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'development';

  @EnvVar({ group: 'server', description: 'Interface the HTTP server binds to.' })
  @IsString()
  HOST = '0.0.0.0';

  @EnvVar({ group: 'server', description: 'TCP port of the HTTP server.' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @EnvVar({ group: 'server', description: 'Directory for local state: embedded PostgreSQL, dev secrets, local assets.' })
  @IsString()
  DATA_DIR = './.data';

  @EnvVar({ group: 'logging', description: 'Minimum pino log level.' })
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @EnvVar({ group: 'logging', description: 'Log one line per HTTP request (health probes and /metrics excluded).' })
  @Transform(toBool)
  @IsBoolean()
  LOG_REQUESTS = true;

  @EnvVar({
    group: 'database',
    description: 'External PostgreSQL URL. When unset, an embedded PostgreSQL runs under DATA_DIR/pg.',
    sensitive: true,
  })
  @IsOptional()
  @Matches(POSTGRES_URL, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @EnvVar({ group: 'database', description: 'Port of the embedded PostgreSQL (used only without DATABASE_URL).' })
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(65535)
  DATABASE_EMBEDDED_PORT = 54329;

  @EnvVar({
    group: 'database',
    description: 'Superuser password of the embedded PostgreSQL; generated into DATA_DIR when unset.',
    sensitive: true,
    devSecret: () => randomBytes(24).toString('base64url'),
  })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  DATABASE_EMBEDDED_PASSWORD?: string;

  @EnvVar({ group: 'database', description: 'Maximum connections in the pool.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  DATABASE_POOL_MAX = 10;

  @EnvVar({ group: 'database', description: 'Connections the pool keeps open even when idle.' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000)
  DATABASE_POOL_MIN = 0;

  @EnvVar({ group: 'database', description: 'Milliseconds an idle connection stays in the pool before it is closed.' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  DATABASE_IDLE_TIMEOUT_MS = 30_000;

  @EnvVar({ group: 'database', description: 'Milliseconds to wait for a pooled connection (or a new one) before failing.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  DATABASE_ACQUIRE_TIMEOUT_MS = 5_000;

  @EnvVar({ group: 'database', description: 'PostgreSQL statement_timeout for every session, in milliseconds (0 = none).' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  DATABASE_STATEMENT_TIMEOUT_MS = 30_000;

  @EnvVar({ group: 'database', description: 'application_name reported to PostgreSQL (pg_stat_activity).' })
  @IsString()
  @MaxLength(63)
  DATABASE_APPLICATION_NAME = 'bulwark';

  @EnvVar({ group: 'database', description: 'Run pending migrations at startup.' })
  @Transform(toBool)
  @IsBoolean()
  DATABASE_MIGRATIONS_RUN = true;

  @EnvVar({ group: 'database', description: 'Attempts to connect at startup before giving up (exponential backoff with jitter).' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_CONNECT_ATTEMPTS = 8;

  @EnvVar({ group: 'redis', description: 'Redis URL for the shared tier. When unset, cache and limiter run in memory.', sensitive: true })
  @IsOptional()
  @Matches(REDIS_URL, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @EnvVar({ group: 'redis', description: 'Milliseconds a Redis command may take before it fails (and callers degrade).' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  REDIS_COMMAND_TIMEOUT_MS = 1_000;

  @EnvVar({ group: 'http', description: 'Largest accepted request body, in bytes.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  HTTP_BODY_LIMIT_BYTES = 1_048_576;

  @EnvVar({ group: 'http', description: 'Comma-separated origins allowed by CORS (empty: no cross-origin access).' })
  @IsString()
  HTTP_CORS_ORIGINS = '';

  @EnvVar({ group: 'http', description: 'Serve the OpenAPI document at /openapi.json and Swagger UI at /docs.' })
  @Transform(toBool)
  @IsBoolean()
  HTTP_DOCS_ENABLED = true;

  @EnvVar({ group: 'shutdown', description: 'Milliseconds between failing readiness and closing the listener on SIGTERM.' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SHUTDOWN_DRAIN_DELAY_MS = 5_000;

  @EnvVar({ group: 'shutdown', description: 'Milliseconds in-flight requests get to finish before connections are cut.' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SHUTDOWN_TIMEOUT_MS = 20_000;
}
