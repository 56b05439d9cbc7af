import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
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
/** base64url (padding optional) of at least 32 bytes: 256 bits for HMAC keys. */
const SECRET_256 = /^[A-Za-z0-9_-]{43,}={0,2}$/;
/** Comma-separated Fernet keys: each base64url of exactly 32 bytes. */
const FERNET_KEYS = /^[A-Za-z0-9_-]{43}=(,[A-Za-z0-9_-]{43}=)*$/;
/** Comma-separated IPv4/IPv6 CIDRs or addresses (checked precisely where they are parsed). */
const CIDR_LIST = /^[0-9A-Fa-f:.,/\s]*$/;
const secret256 = (): string => randomBytes(32).toString('base64url');
const fernetKey = (): string => randomBytes(32).toString('base64url') + '=';
export const CDN_STORAGES = ['local', 's3', 'azure'] as const;
export type CdnStorageKind = (typeof CDN_STORAGES)[number];
export const GPU_COLLECTORS = ['auto', 'nvidia-smi', 'dcgm', 'off'] as const;
export type GpuCollector = (typeof GPU_COLLECTORS)[number];
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

  @EnvVar({
    group: 'database',
    description: 'Comma-separated read replica URLs: reads outside transactions go to them (TypeORM replication); writes, raw queries and everything inside a transaction go to DATABASE_URL. Replicas lag: read your own writes in a transaction.',
    sensitive: true,
  })
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^\s,]+(,postgres(ql)?:\/\/[^\s,]+)*$/, { message: 'DATABASE_REPLICA_URLS must be comma-separated postgres:// URLs' })
  DATABASE_REPLICA_URLS?: string;

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

  @EnvVar({ group: 'database', description: 'Consecutive failed connection attempts that open the pool\'s circuit breaker: requests then get 503 at once instead of each waiting for a dead server.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  DATABASE_BREAKER_FAILURES = 3;

  @EnvVar({ group: 'database', description: 'Milliseconds the open breaker waits before one connection attempt probes the server again.' })
  @Transform(toInt)
  @IsInt()
  @Min(10)
  DATABASE_BREAKER_HALF_OPEN_MS = 2_000;

  @EnvVar({ group: 'database', description: 'Queries slower than this many milliseconds are logged (by fingerprint, never with values) and aggregated at /v1/db/slow-queries.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  DATABASE_SLOW_QUERY_MS = 100;

  @EnvVar({ group: 'database', description: 'Percent of slow queries written to the log (all of them are aggregated); lower it when a slow query floods the log.' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100)
  DATABASE_SLOW_QUERY_LOG_PERCENT = 100;

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

  @EnvVar({ group: 'http', description: 'Proxies trusted for X-Forwarded-For: a hop count (e.g. 1) or a comma-separated CIDR list. Empty: trust none.' })
  @Matches(/^(\d{1,2}|[0-9A-Fa-f:.,/\s]*)$/, { message: 'TRUST_PROXY must be a hop count or a comma-separated CIDR list' })
  TRUST_PROXY = '';

  @EnvVar({ group: 'auth', description: 'Admin API key to create on first start when there are no principals (else one is generated and printed once).', sensitive: true })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  BOOTSTRAP_ADMIN_KEY?: string;

  @EnvVar({ group: 'auth', description: 'Server pepper for API key hashes (HMAC-SHA-256), base64url of >= 32 bytes.', sensitive: true, devSecret: secret256 })
  @IsOptional()
  @Matches(SECRET_256, { message: 'API_KEY_PEPPER must be base64url of at least 32 bytes' })
  API_KEY_PEPPER?: string;

  @EnvVar({ group: 'auth', description: 'Milliseconds a rotated API key stays valid beside its replacement.' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  API_KEY_ROTATION_OVERLAP_MS = 86_400_000;

  @EnvVar({ group: 'auth', description: 'HS256 secret for access tokens, base64url of >= 32 bytes (256 bits).', sensitive: true, devSecret: secret256 })
  @IsOptional()
  @Matches(SECRET_256, { message: 'JWT_SECRET must be base64url of at least 32 bytes (256 bits)' })
  JWT_SECRET?: string;

  @EnvVar({ group: 'auth', description: 'JWT issuer (iss), set and required.' })
  @IsString()
  JWT_ISSUER = 'bulwark';

  @EnvVar({ group: 'auth', description: 'JWT audience (aud), set and required.' })
  @IsString()
  JWT_AUDIENCE = 'bulwark-api';

  @EnvVar({ group: 'auth', description: 'Lifetime of an access token in milliseconds.' })
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  JWT_ACCESS_TTL_MS = 900_000;

  @EnvVar({ group: 'auth', description: 'Lifetime of a refresh token in milliseconds.' })
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  JWT_REFRESH_TTL_MS = 2_592_000_000;

  @EnvVar({ group: 'auth', description: 'Clock skew tolerated on exp/nbf/iat, in milliseconds.' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300_000)
  JWT_CLOCK_SKEW_MS = 30_000;

  @EnvVar({ group: 'rate-limit', description: 'Requests per window for anonymous callers (keyed by client IP).' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_ANONYMOUS = 60;

  @EnvVar({ group: 'rate-limit', description: 'Requests per window for the free tier.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_FREE = 600;

  @EnvVar({ group: 'rate-limit', description: 'Requests per window for the pro tier.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PRO = 6_000;

  @EnvVar({ group: 'rate-limit', description: 'Requests per window for the enterprise tier.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_ENTERPRISE = 60_000;

  @EnvVar({ group: 'rate-limit', description: 'Rate-limit window in milliseconds.' })
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  RATE_LIMIT_WINDOW_MS = 60_000;

  @EnvVar({ group: 'rate-limit', description: 'When the shared store (Redis) fails: `open` falls back to a per-instance limiter, `closed` rejects.' })
  @IsIn(['open', 'closed'])
  RATE_LIMIT_ON_STORE_FAILURE: 'open' | 'closed' = 'open';

  @EnvVar({ group: 'rate-limit', description: 'Shadow mode: count and log what would be limited, block nothing.' })
  @Transform(toBool)
  @IsBoolean()
  RATE_LIMIT_SHADOW = false;

  @EnvVar({ group: 'ip-blocking', description: 'Threat detections from one IP within AUTO_BLOCK_WINDOW_MS that block it (0 = never).' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  AUTO_BLOCK_THREAT_THRESHOLD = 20;

  @EnvVar({ group: 'ip-blocking', description: 'Failed logins from one IP within AUTO_BLOCK_WINDOW_MS that block it (0 = never).' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  AUTO_BLOCK_LOGIN_FAILURE_THRESHOLD = 50;

  @EnvVar({ group: 'ip-blocking', description: 'Window for counting automatic-block events, in milliseconds.' })
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  AUTO_BLOCK_WINDOW_MS = 600_000;

  @EnvVar({ group: 'ip-blocking', description: 'How long an automatic block lasts, in milliseconds.' })
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  AUTO_BLOCK_DURATION_MS = 3_600_000;

  @EnvVar({ group: 'ip-blocking', description: 'Comma-separated CIDRs never blocked automatically (e.g. your offices, health checkers).' })
  @Matches(CIDR_LIST, { message: 'AUTO_BLOCK_ALLOWLIST must be a comma-separated list of CIDRs' })
  AUTO_BLOCK_ALLOWLIST = '';

  @EnvVar({ group: 'ip-blocking', description: 'Milliseconds between full reloads of the block list (pub/sub carries changes in between).' })
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  IP_BLOCK_REFRESH_MS = 30_000;

  @EnvVar({ group: 'audit', description: 'Audit events per batch insert.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  AUDIT_BATCH_SIZE = 200;

  @EnvVar({ group: 'audit', description: 'Milliseconds between audit flushes.' })
  @Transform(toInt)
  @IsInt()
  @Min(10)
  AUDIT_FLUSH_INTERVAL_MS = 1_000;

  @EnvVar({ group: 'audit', description: 'Audit events buffered while the database is unavailable; beyond this they are shed and counted.' })
  @Transform(toInt)
  @IsInt()
  @Min(100)
  AUDIT_BUFFER_MAX = 100_000;

  @EnvVar({ group: 'threat', description: 'Default threat policy for routes without `@ThreatPolicy`: `block` refuses with 403, `detect` records and lets through, `off` skips inspection.' })
  @IsIn(['block', 'detect', 'off'])
  THREAT_MODE: 'block' | 'detect' | 'off' = 'block';

  @EnvVar({ group: 'threat', description: 'Paranoia level 1-4: higher runs more rules and catches more, with more false positives.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(4)
  THREAT_PARANOIA = 1;

  @EnvVar({ group: 'threat', description: 'Anomaly score at which a request counts as an attack (critical 5, error 4, warning 3, notice 2).' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  THREAT_THRESHOLD = 5;

  @EnvVar({ group: 'threat', description: 'What to do with a request beyond the inspection caps under `block`: `block` refuses it (the rest could hide an attack), `allow` inspects what fits. Either way the cap is counted.' })
  @IsIn(['block', 'allow'])
  THREAT_ON_CAPS_EXCEEDED: 'block' | 'allow' = 'block';

  @EnvVar({ group: 'threat', description: 'Characters inspected per field.' })
  @Transform(toInt)
  @IsInt()
  @Min(64)
  THREAT_MAX_FIELD_CHARS = 65_536;

  @EnvVar({ group: 'threat', description: 'Characters inspected per request over all fields.' })
  @Transform(toInt)
  @IsInt()
  @Min(1_024)
  THREAT_MAX_TOTAL_CHARS = 1_048_576;

  @EnvVar({ group: 'threat', description: 'Fields (query, params, cookies, headers, body keys and values) inspected per request.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  THREAT_MAX_FIELDS = 512;

  @EnvVar({ group: 'threat', description: 'Nesting depth of JSON and form bodies walked.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  THREAT_MAX_DEPTH = 16;

  @EnvVar({ group: 'threat', description: 'Values up to 256 characters (names, enums, ids, a client\'s User-Agent and Referer) whose inspection result is remembered per paranoia level, so the field names and values every request repeats are inspected once (0 = off).' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  THREAT_MEMO_ENTRIES = 10_000;

  @EnvVar({ group: 'threat', description: 'Milliseconds over which repeats of one detection (same IP, route, class and action) fold into one `threat_events` row.' })
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  THREAT_EVENT_WINDOW_MS = 60_000;

  @EnvVar({ group: 'cache', description: 'Entries the in-process L1 cache holds before it evicts the least recently used.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  CACHE_L1_MAX_ENTRIES = 10_000;

  @EnvVar({ group: 'cache', description: 'Bytes (encoded size) the in-process L1 cache holds before it evicts the least recently used.' })
  @Transform(toInt)
  @IsInt()
  @Min(1_024)
  CACHE_L1_MAX_BYTES = 67_108_864;

  @EnvVar({ group: 'cache', description: 'Time to live of an entry written without one, in milliseconds.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  CACHE_DEFAULT_TTL_MS = 60_000;

  @EnvVar({ group: 'cache', description: 'Milliseconds an expired entry is kept and served when its loader fails or is slow (0 = no grace unless a call asks for it).' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  CACHE_DEFAULT_GRACE_MS = 0;

  @EnvVar({ group: 'cache', description: 'Encoded values larger than this many bytes are stored Brotli-compressed.' })
  @Transform(toInt)
  @IsInt()
  @Min(64)
  CACHE_COMPRESS_THRESHOLD_BYTES = 1_024;

  @EnvVar({ group: 'cache', description: 'Largest value accepted by the cache entries API, in bytes.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  CACHE_MAX_VALUE_BYTES = 1_048_576;

  @EnvVar({ group: 'cache', description: 'Milliseconds an L2 (Redis) cache operation may take before it counts as failed and the caller goes on without it.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  CACHE_L2_TIMEOUT_MS = 250;

  @EnvVar({ group: 'cache', description: 'Consecutive L2 failures that open the circuit breaker (L1 and grace copies serve meanwhile).' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  CACHE_BREAKER_FAILURES = 5;

  @EnvVar({ group: 'cache', description: 'Milliseconds the open breaker waits before letting one L2 call try again.' })
  @Transform(toInt)
  @IsInt()
  @Min(10)
  CACHE_BREAKER_HALF_OPEN_MS = 5_000;

  @EnvVar({ group: 'cache', description: 'Milliseconds an instance holds the Redis lock that keeps other instances from running the same loader at once.' })
  @Transform(toInt)
  @IsInt()
  @Min(10)
  CACHE_LOCK_TTL_MS = 10_000;

  @EnvVar({ group: 'cache', description: 'Prefix of every cache key and channel in Redis, so several deployments can share one server.' })
  @Matches(/^[A-Za-z0-9:_-]{1,64}$/, { message: 'CACHE_KEY_PREFIX must be 1-64 letters, digits, colons, underscores or hyphens' })
  CACHE_KEY_PREFIX = 'bulwark:cache';

  @EnvVar({ group: 'cdn', description: 'Where asset bytes live: `local` (a directory), `s3` (AWS S3, R2, MinIO) or `azure` (Azure Blob Storage).' })
  @IsIn(CDN_STORAGES)
  CDN_STORAGE: CdnStorageKind = 'local';

  @EnvVar({ group: 'cdn', description: 'Directory of the local asset storage. Default: DATA_DIR/cdn.' })
  @IsOptional()
  @IsString()
  CDN_LOCAL_DIR?: string;

  @EnvVar({ group: 'cdn', description: 'S3 bucket holding the assets (required when CDN_STORAGE=s3).' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'CDN_S3_BUCKET must be a valid S3 bucket name' })
  CDN_S3_BUCKET?: string;

  @EnvVar({ group: 'cdn', description: 'S3 region (`auto` for Cloudflare R2).' })
  @IsString()
  CDN_S3_REGION = 'us-east-1';

  @EnvVar({ group: 'cdn', description: 'S3 endpoint for S3-compatible services (R2, MinIO). Unset: AWS.' })
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'CDN_S3_ENDPOINT must be an http(s) URL' })
  CDN_S3_ENDPOINT?: string;

  @EnvVar({ group: 'cdn', description: 'Address buckets by path (`endpoint/bucket/key`), as MinIO and most S3-compatible servers need.' })
  @Transform(toBool)
  @IsBoolean()
  CDN_S3_FORCE_PATH_STYLE = false;

  @EnvVar({ group: 'cdn', description: 'S3 access key id. Unset: the AWS default credential chain.', sensitive: true })
  @IsOptional()
  @IsString()
  CDN_S3_ACCESS_KEY_ID?: string;

  @EnvVar({ group: 'cdn', description: 'S3 secret access key.', sensitive: true })
  @IsOptional()
  @IsString()
  CDN_S3_SECRET_ACCESS_KEY?: string;

  @EnvVar({ group: 'cdn', description: 'Azure Storage connection string (required when CDN_STORAGE=azure).', sensitive: true })
  @IsOptional()
  @IsString()
  CDN_AZURE_CONNECTION_STRING?: string;

  @EnvVar({ group: 'cdn', description: 'Azure Blob container holding the assets (created when missing).' })
  @Matches(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, { message: 'CDN_AZURE_CONTAINER must be a valid container name' })
  CDN_AZURE_CONTAINER = 'bulwark-assets';

  @EnvVar({ group: 'cdn', description: 'Largest file accepted by an upload, in bytes.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  CDN_MAX_FILE_BYTES = 26_214_400;

  @EnvVar({ group: 'cdn', description: 'Largest upload request (all files of a batch together), in bytes.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  CDN_MAX_REQUEST_BYTES = 104_857_600;

  @EnvVar({ group: 'cdn', description: 'Most files one batch upload may carry.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  CDN_MAX_FILES_PER_REQUEST = 100;

  @EnvVar({ group: 'cdn', description: 'Files of a batch stored and validated at once.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  CDN_UPLOAD_CONCURRENCY = 4;

  @EnvVar({ group: 'cdn', description: 'Widths (pixels, comma-separated) of the resized variants made of each image no narrower than them.' })
  @Matches(/^(\d{1,5})(,\d{1,5})*$|^$/, { message: 'CDN_IMAGE_WIDTHS must be comma-separated pixel widths' })
  CDN_IMAGE_WIDTHS = '320,640,1280';

  @EnvVar({ group: 'cdn', description: 'Largest image accepted, in pixels (width × height): sharp refuses bigger inputs, which stops decompression bombs.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  CDN_IMAGE_MAX_PIXELS = 40_000_000;

  @EnvVar({ group: 'cdn', description: 'Bytes of encoded asset bodies the serving path keeps in memory (hot assets never touch storage).' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  CDN_MEMORY_CACHE_BYTES = 67_108_864;

  @EnvVar({ group: 'cdn', description: 'Bodies larger than this many bytes are always streamed from storage, never kept in memory.' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  CDN_MEMORY_CACHE_MAX_OBJECT_BYTES = 1_048_576;

  @EnvVar({ group: 'cdn', description: 'Milliseconds clients and edges may cache an alias URL (`/cdn/latest/<name>`), which follows the newest upload of a name.' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  CDN_ALIAS_TTL_MS = 60_000;

  @EnvVar({ group: 'cdn', description: 'Public origin of the asset URLs as edges see them (e.g. `https://cdn.example.com`); edge purges name full URLs under it.' })
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+$/, { message: 'CDN_PUBLIC_BASE_URL must be an http(s) origin without a path' })
  CDN_PUBLIC_BASE_URL?: string;

  @EnvVar({ group: 'cdn', description: 'Cloudflare zone whose cache purges follow ours. Unset: no Cloudflare purge.' })
  @IsOptional()
  @Matches(/^[a-f0-9]{32}$/, { message: 'CDN_CLOUDFLARE_ZONE_ID must be a 32-character hex zone id' })
  CDN_CLOUDFLARE_ZONE_ID?: string;

  @EnvVar({ group: 'cdn', description: 'Cloudflare API token with the Cache Purge permission.', sensitive: true })
  @IsOptional()
  @IsString()
  CDN_CLOUDFLARE_API_TOKEN?: string;

  @EnvVar({ group: 'cdn', description: 'Cloudflare API base URL (tests point it at a local server).' })
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'CDN_CLOUDFLARE_API_URL must be an http(s) URL' })
  CDN_CLOUDFLARE_API_URL = 'https://api.cloudflare.com/client/v4';

  @EnvVar({ group: 'cdn', description: 'URLs, tags or prefixes per Cloudflare purge call (your plan\'s per-request cap).' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  CDN_CLOUDFLARE_PURGE_BATCH = 100;

  @EnvVar({ group: 'cdn', description: 'Milliseconds before a failed or rate-limited edge purge is tried again (doubling each time, up to 8 tries).' })
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  CDN_PURGE_RETRY_DELAY_MS = 15_000;

  @EnvVar({ group: 'cdn', description: 'CloudFront distribution whose cache purges follow ours. Unset: no CloudFront invalidation.' })
  @IsOptional()
  @Matches(/^[A-Z0-9]{1,64}$/, { message: 'CDN_CLOUDFRONT_DISTRIBUTION_ID must be a CloudFront distribution id' })
  CDN_CLOUDFRONT_DISTRIBUTION_ID?: string;

  @EnvVar({ group: 'cdn', description: 'CloudFront API endpoint (tests point it at a local server). Unset: AWS.' })
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'CDN_CLOUDFRONT_ENDPOINT must be an http(s) URL' })
  CDN_CLOUDFRONT_ENDPOINT?: string;

  @EnvVar({ group: 'cdn', description: 'AWS access key id for CloudFront. Unset: the AWS default credential chain.', sensitive: true })
  @IsOptional()
  @IsString()
  CDN_CLOUDFRONT_ACCESS_KEY_ID?: string;

  @EnvVar({ group: 'cdn', description: 'AWS secret access key for CloudFront.', sensitive: true })
  @IsOptional()
  @IsString()
  CDN_CLOUDFRONT_SECRET_ACCESS_KEY?: string;

  @EnvVar({ group: 'monitoring', description: 'Record HTTP RED metrics and latency percentiles per route (off only to measure their cost).' })
  @Transform(toBool)
  @IsBoolean()
  MONITORING_HTTP_METRICS = true;

  @EnvVar({ group: 'monitoring', description: 'Milliseconds between alert rule evaluations.' })
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  MONITORING_ALERT_EVAL_INTERVAL_MS = 15_000;

  @EnvVar({ group: 'monitoring', description: 'Milliseconds a new alert group waits for more alerts before its first notification (Alertmanager group_wait).' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  MONITORING_ALERT_GROUP_WAIT_MS = 30_000;

  @EnvVar({ group: 'monitoring', description: 'Milliseconds between notifications about changes in an alert group (Alertmanager group_interval).' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  MONITORING_ALERT_GROUP_INTERVAL_MS = 300_000;

  @EnvVar({ group: 'monitoring', description: 'Milliseconds before a still-firing alert group is notified again (Alertmanager repeat_interval); rules may override it.' })
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  MONITORING_ALERT_REPEAT_INTERVAL_MS = 14_400_000;

  @EnvVar({ group: 'monitoring', description: 'Milliseconds one notification attempt may take.' })
  @Transform(toInt)
  @IsInt()
  @Min(100)
  MONITORING_NOTIFY_TIMEOUT_MS = 10_000;

  @EnvVar({ group: 'monitoring', description: 'Hosts, addresses or CIDRs webhook channels may target although they are loopback, private or link-local (comma-separated). Empty: public addresses only.' })
  @IsString()
  MONITORING_WEBHOOK_ALLOWLIST = '';

  @EnvVar({ group: 'monitoring', description: 'SMTP server for email channels, e.g. `smtp://user:pass@mail.example.com:587` or `smtps://...`. Unset: email channels are refused.', sensitive: true })
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'MONITORING_SMTP_URL must be an smtp:// or smtps:// URL' })
  MONITORING_SMTP_URL?: string;

  @EnvVar({ group: 'monitoring', description: 'Sender address of alert emails.' })
  @IsString()
  MONITORING_SMTP_FROM = 'Bulwark alerts <bulwark@localhost>';

  @EnvVar({ group: 'monitoring', description: 'Base URL of this service as operators reach it, used in alert links (generatorURL, externalURL). Unset: http://HOST:PORT.' })
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'MONITORING_EXTERNAL_URL must be an http(s) URL' })
  MONITORING_EXTERNAL_URL?: string;

  @EnvVar({ group: 'monitoring', description: 'A route regresses when its current p95/p99/error rate exceeds its baseline by this fraction (0.2 = 20%).' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value))
  @IsNumber()
  @Min(0)
  MONITORING_REGRESSION_MARGIN = 0.2;

  @EnvVar({ group: 'monitoring', description: 'Milliseconds a route must stay above its baseline margin before it is flagged as regressed.' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  MONITORING_REGRESSION_SUSTAIN_MS = 300_000;

  @EnvVar({ group: 'monitoring', description: 'Fewest requests in the 5-minute window for a route to be compared with its baseline.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  MONITORING_REGRESSION_MIN_REQUESTS = 20;

  @EnvVar({ group: 'monitoring', description: 'Latency objective for scaling advice: the p95 in milliseconds that the service should stay under.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  MONITORING_SLO_P95_MS = 300;

  @EnvVar({ group: 'monitoring', description: 'Target CPU and event-loop utilisation per replica for scaling advice (0–1), as an HPA target.' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value))
  @IsNumber()
  @Min(0.05)
  @Max(1)
  MONITORING_SCALING_TARGET_UTILISATION = 0.6;

  @EnvVar({ group: 'monitoring', description: 'Replicas now running, as scaling advice starts from (set it from the orchestrator, e.g. the Deployment replicas).' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  MONITORING_REPLICAS = 1;

  @EnvVar({ group: 'monitoring', description: 'Fewest replicas scaling advice recommends.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  MONITORING_SCALING_MIN_REPLICAS = 1;

  @EnvVar({ group: 'monitoring', description: 'Most replicas scaling advice recommends.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  MONITORING_SCALING_MAX_REPLICAS = 20;

  @EnvVar({ group: 'monitoring', description: 'Milliseconds between ticks of the live stream /v1/monitoring/stream.' })
  @Transform(toInt)
  @IsInt()
  @Min(100)
  MONITORING_STREAM_INTERVAL_MS = 1_000;

  @EnvVar({ group: 'monitoring', description: 'Longest CPU profile POST /v1/monitoring/profile may take, in seconds.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(600)
  MONITORING_PROFILE_MAX_SECONDS = 60;

  @EnvVar({ group: 'monitoring', description: 'OTLP/HTTP endpoint for OpenTelemetry traces, e.g. http://otel-collector:4318. Unset: tracing off.' })
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'MONITORING_OTLP_ENDPOINT must be an http(s) URL' })
  MONITORING_OTLP_ENDPOINT?: string;

  @EnvVar({ group: 'gpu', description: 'Where GPU telemetry comes from: `auto` (nvidia-smi when it answers, else dcgm-exporter when GPU_DCGM_URL is set, else none), `nvidia-smi`, `dcgm`, or `off` (push ingest only).' })
  @IsIn(GPU_COLLECTORS)
  GPU_COLLECTOR: GpuCollector = 'auto';

  @EnvVar({ group: 'gpu', description: 'Milliseconds between telemetry collections.' })
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  GPU_SAMPLE_INTERVAL_MS = 10_000;

  @EnvVar({ group: 'gpu', description: 'The nvidia-smi binary (a name on PATH or an absolute path).' })
  @IsString()
  GPU_NVIDIA_SMI_PATH = 'nvidia-smi';

  @EnvVar({ group: 'gpu', description: 'Milliseconds one nvidia-smi call may take before it is killed.' })
  @Transform(toInt)
  @IsInt()
  @Min(100)
  GPU_NVIDIA_SMI_TIMEOUT_MS = 5_000;

  @EnvVar({ group: 'gpu', description: 'Kernel log read for NVRM Xid errors while a collector runs (needs CAP_SYSLOG where kernel.dmesg_restrict is set), or `off`.' })
  @IsString()
  @Matches(/^(off|\/\S+)$/, { message: 'GPU_KERNEL_LOG_PATH must be an absolute path or off' })
  GPU_KERNEL_LOG_PATH = '/dev/kmsg';

  @EnvVar({ group: 'gpu', description: 'dcgm-exporter metrics URL, e.g. http://dcgm-exporter:9400/metrics. Unset: no DCGM scrape.' })
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'GPU_DCGM_URL must be an http(s) URL' })
  GPU_DCGM_URL?: string;

  @EnvVar({ group: 'gpu', description: 'Samples buffered before a flush to PostgreSQL.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  GPU_FLUSH_ROWS = 5_000;

  @EnvVar({ group: 'gpu', description: 'Milliseconds at most between flushes of buffered samples.' })
  @Transform(toInt)
  @IsInt()
  @Min(100)
  GPU_FLUSH_INTERVAL_MS = 2_000;

  @EnvVar({ group: 'gpu', description: 'Most samples held in memory while PostgreSQL is unreachable (beyond: shed and counted).' })
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  GPU_BUFFER_MAX_ROWS = 200_000;

  @EnvVar({ group: 'gpu', description: 'Days raw samples are kept (1-minute rollups are kept longer).' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  GPU_RAW_RETENTION_DAYS = 7;

  @EnvVar({ group: 'gpu', description: 'Days 1-minute rollups are kept.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  GPU_ROLLUP_RETENTION_DAYS = 90;

  @EnvVar({ group: 'gpu', description: 'Largest ONNX model accepted by POST /v1/models, in bytes.' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  GPU_MODEL_MAX_BYTES = 536_870_912;

  @EnvVar({ group: 'gpu', description: 'Directory of uploaded and optimised model files. Default: DATA_DIR/models.' })
  @IsOptional()
  @IsString()
  GPU_MODELS_DIR?: string;

  @EnvVar({ group: 'crypto', description: 'Fernet keys, comma-separated: the first encrypts, all decrypt (rotation).', sensitive: true, devSecret: fernetKey })
  @IsOptional()
  @Matches(FERNET_KEYS, { message: 'ENCRYPTION_KEYS must be comma-separated Fernet keys (base64url of 32 bytes)' })
  ENCRYPTION_KEYS?: string;

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
