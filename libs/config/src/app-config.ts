import { resolve } from 'node:path';

import type { CdnStorageKind, EnvironmentVariables, GpuCollector, LogLevel, NodeEnv } from './environment-variables.js';

export type DatabaseMode = 'embedded' | 'external';

export interface DatabaseConfig {
  mode: DatabaseMode;
  /** Set in external mode; the embedded server's URL is known only once it runs. */
  url?: string;
  /** Read replicas (TypeORM replication); empty without DATABASE_REPLICA_URLS. */
  replicaUrls: string[];
  embedded: { port: number; password: string; dataDir: string };
  pool: { max: number; min: number; idleTimeoutMs: number; acquireTimeoutMs: number };
  statementTimeoutMs: number;
  slowQuery: { thresholdMs: number; logPercent: number };
  breaker: { failures: number; halfOpenMs: number };
  applicationName: string;
  migrationsRun: boolean;
  connectAttempts: number;
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
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
  readonly trustProxy: string;
  readonly auth: {
    bootstrapAdminKey?: string;
    apiKeyPepper: string;
    rotationOverlapMs: number;
    jwt: { secret: string; issuer: string; audience: string; accessTtlMs: number; refreshTtlMs: number; clockSkewMs: number };
  };
  readonly rateLimit: {
    windowMs: number;
    limits: { anonymous: number; free: number; pro: number; enterprise: number };
    onStoreFailure: 'open' | 'closed';
    shadow: boolean;
  };
  readonly ipBlocking: {
    threatThreshold: number;
    loginFailureThreshold: number;
    windowMs: number;
    durationMs: number;
    allowlist: string[];
    refreshMs: number;
  };
  readonly audit: { batchSize: number; flushIntervalMs: number; bufferMax: number };
  readonly crypto: { encryptionKeys: string[] };
  readonly threat: {
    mode: 'block' | 'detect' | 'off';
    paranoia: 1 | 2 | 3 | 4;
    threshold: number;
    onCapsExceeded: 'block' | 'allow';
    caps: { maxFieldChars: number; maxTotalChars: number; maxFields: number; maxDepth: number };
    eventWindowMs: number;
    memoEntries: number;
  };
  readonly cache: {
    l1: { maxEntries: number; maxBytes: number };
    defaultTtlMs: number;
    defaultGraceMs: number;
    compressThresholdBytes: number;
    maxValueBytes: number;
    l2TimeoutMs: number;
    breaker: { failures: number; halfOpenMs: number };
    lockTtlMs: number;
    keyPrefix: string;
  };
  readonly cdn: {
    storage: CdnStorageKind;
    localDir: string;
    s3: { bucket?: string; region: string; endpoint?: string; forcePathStyle: boolean; accessKeyId?: string; secretAccessKey?: string };
    azure: { connectionString?: string; container: string };
    limits: { maxFileBytes: number; maxRequestBytes: number; maxFilesPerRequest: number; uploadConcurrency: number };
    image: { widths: number[]; maxPixels: number };
    memoryCache: { maxBytes: number; maxObjectBytes: number };
    aliasTtlMs: number;
    publicBaseUrl?: string;
    cloudflare: { zoneId?: string; apiToken?: string; apiUrl: string; purgeBatch: number };
    purgeRetryDelayMs: number;
    cloudfront: { distributionId?: string; endpoint?: string; accessKeyId?: string; secretAccessKey?: string };
  };
  readonly monitoring: {
    httpMetrics: boolean;
    alerts: { evalIntervalMs: number; groupWaitMs: number; groupIntervalMs: number; repeatIntervalMs: number; notifyTimeoutMs: number };
    /** Hosts, addresses and CIDRs webhooks may target despite being loopback/private/link-local. */
    webhookAllowlist: string[];
    smtp: { url?: string; from: string };
    externalUrl: string;
    regression: { margin: number; sustainMs: number; minRequests: number };
    scaling: { sloP95Ms: number; targetUtilisation: number; replicas: number; minReplicas: number; maxReplicas: number };
    streamIntervalMs: number;
    profileMaxSeconds: number;
    otlpEndpoint?: string;
  };
  readonly gpu: {
    collector: GpuCollector;
    sampleIntervalMs: number;
    nvidiaSmi: { path: string; timeoutMs: number };
    dcgmUrl?: string;
    /** Read for NVRM Xid lines while a collector runs; null: off. */
    kernelLogPath: string | null;
    flush: { rows: number; intervalMs: number; bufferMaxRows: number };
    retention: { rawDays: number; rollupDays: number };
    models: { maxBytes: number; dir: string };
  };

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
      replicaUrls: splitList(vars.DATABASE_REPLICA_URLS ?? ''),
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
      slowQuery: { thresholdMs: vars.DATABASE_SLOW_QUERY_MS, logPercent: vars.DATABASE_SLOW_QUERY_LOG_PERCENT },
      breaker: { failures: vars.DATABASE_BREAKER_FAILURES, halfOpenMs: vars.DATABASE_BREAKER_HALF_OPEN_MS },
      applicationName: vars.DATABASE_APPLICATION_NAME,
      migrationsRun: vars.DATABASE_MIGRATIONS_RUN,
      connectAttempts: vars.DATABASE_CONNECT_ATTEMPTS,
    };
    this.redis = { url: vars.REDIS_URL, commandTimeoutMs: vars.REDIS_COMMAND_TIMEOUT_MS };
    this.http = {
      bodyLimitBytes: vars.HTTP_BODY_LIMIT_BYTES,
      corsOrigins: splitList(vars.HTTP_CORS_ORIGINS),
      docsEnabled: vars.HTTP_DOCS_ENABLED,
    };
    this.shutdown = { drainDelayMs: vars.SHUTDOWN_DRAIN_DELAY_MS, timeoutMs: vars.SHUTDOWN_TIMEOUT_MS };
    this.trustProxy = vars.TRUST_PROXY;
    this.auth = {
      bootstrapAdminKey: vars.BOOTSTRAP_ADMIN_KEY,
      apiKeyPepper: vars.API_KEY_PEPPER ?? '',
      rotationOverlapMs: vars.API_KEY_ROTATION_OVERLAP_MS,
      jwt: {
        secret: vars.JWT_SECRET ?? '',
        issuer: vars.JWT_ISSUER,
        audience: vars.JWT_AUDIENCE,
        accessTtlMs: vars.JWT_ACCESS_TTL_MS,
        refreshTtlMs: vars.JWT_REFRESH_TTL_MS,
        clockSkewMs: vars.JWT_CLOCK_SKEW_MS,
      },
    };
    this.rateLimit = {
      windowMs: vars.RATE_LIMIT_WINDOW_MS,
      limits: {
        anonymous: vars.RATE_LIMIT_ANONYMOUS,
        free: vars.RATE_LIMIT_FREE,
        pro: vars.RATE_LIMIT_PRO,
        enterprise: vars.RATE_LIMIT_ENTERPRISE,
      },
      onStoreFailure: vars.RATE_LIMIT_ON_STORE_FAILURE,
      shadow: vars.RATE_LIMIT_SHADOW,
    };
    this.ipBlocking = {
      threatThreshold: vars.AUTO_BLOCK_THREAT_THRESHOLD,
      loginFailureThreshold: vars.AUTO_BLOCK_LOGIN_FAILURE_THRESHOLD,
      windowMs: vars.AUTO_BLOCK_WINDOW_MS,
      durationMs: vars.AUTO_BLOCK_DURATION_MS,
      allowlist: splitList(vars.AUTO_BLOCK_ALLOWLIST),
      refreshMs: vars.IP_BLOCK_REFRESH_MS,
    };
    this.audit = { batchSize: vars.AUDIT_BATCH_SIZE, flushIntervalMs: vars.AUDIT_FLUSH_INTERVAL_MS, bufferMax: vars.AUDIT_BUFFER_MAX };
    this.crypto = { encryptionKeys: splitList(vars.ENCRYPTION_KEYS ?? '') };
    this.threat = {
      mode: vars.THREAT_MODE,
      // Validated to 1..4 by the schema.
      paranoia: vars.THREAT_PARANOIA as 1 | 2 | 3 | 4,
      threshold: vars.THREAT_THRESHOLD,
      onCapsExceeded: vars.THREAT_ON_CAPS_EXCEEDED,
      caps: {
        maxFieldChars: vars.THREAT_MAX_FIELD_CHARS,
        maxTotalChars: vars.THREAT_MAX_TOTAL_CHARS,
        maxFields: vars.THREAT_MAX_FIELDS,
        maxDepth: vars.THREAT_MAX_DEPTH,
      },
      eventWindowMs: vars.THREAT_EVENT_WINDOW_MS,
      memoEntries: vars.THREAT_MEMO_ENTRIES,
    };
    this.cache = {
      l1: { maxEntries: vars.CACHE_L1_MAX_ENTRIES, maxBytes: vars.CACHE_L1_MAX_BYTES },
      defaultTtlMs: vars.CACHE_DEFAULT_TTL_MS,
      defaultGraceMs: vars.CACHE_DEFAULT_GRACE_MS,
      compressThresholdBytes: vars.CACHE_COMPRESS_THRESHOLD_BYTES,
      maxValueBytes: vars.CACHE_MAX_VALUE_BYTES,
      l2TimeoutMs: vars.CACHE_L2_TIMEOUT_MS,
      breaker: { failures: vars.CACHE_BREAKER_FAILURES, halfOpenMs: vars.CACHE_BREAKER_HALF_OPEN_MS },
      lockTtlMs: vars.CACHE_LOCK_TTL_MS,
      keyPrefix: vars.CACHE_KEY_PREFIX,
    };
    this.cdn = {
      storage: vars.CDN_STORAGE,
      localDir: resolve(vars.CDN_LOCAL_DIR ?? resolve(dataDir, 'cdn')),
      s3: {
        bucket: vars.CDN_S3_BUCKET,
        region: vars.CDN_S3_REGION,
        endpoint: vars.CDN_S3_ENDPOINT,
        forcePathStyle: vars.CDN_S3_FORCE_PATH_STYLE,
        accessKeyId: vars.CDN_S3_ACCESS_KEY_ID,
        secretAccessKey: vars.CDN_S3_SECRET_ACCESS_KEY,
      },
      azure: { connectionString: vars.CDN_AZURE_CONNECTION_STRING, container: vars.CDN_AZURE_CONTAINER },
      limits: {
        maxFileBytes: vars.CDN_MAX_FILE_BYTES,
        maxRequestBytes: vars.CDN_MAX_REQUEST_BYTES,
        maxFilesPerRequest: vars.CDN_MAX_FILES_PER_REQUEST,
        uploadConcurrency: vars.CDN_UPLOAD_CONCURRENCY,
      },
      image: {
        widths: [...new Set(splitList(vars.CDN_IMAGE_WIDTHS).map(Number).filter((width) => width > 0))].sort((a, b) => a - b),
        maxPixels: vars.CDN_IMAGE_MAX_PIXELS,
      },
      memoryCache: { maxBytes: vars.CDN_MEMORY_CACHE_BYTES, maxObjectBytes: vars.CDN_MEMORY_CACHE_MAX_OBJECT_BYTES },
      aliasTtlMs: vars.CDN_ALIAS_TTL_MS,
      publicBaseUrl: vars.CDN_PUBLIC_BASE_URL,
      cloudflare: {
        zoneId: vars.CDN_CLOUDFLARE_ZONE_ID,
        apiToken: vars.CDN_CLOUDFLARE_API_TOKEN,
        apiUrl: vars.CDN_CLOUDFLARE_API_URL.replace(/\/+$/, ''),
        purgeBatch: vars.CDN_CLOUDFLARE_PURGE_BATCH,
      },
      purgeRetryDelayMs: vars.CDN_PURGE_RETRY_DELAY_MS,
      cloudfront: {
        distributionId: vars.CDN_CLOUDFRONT_DISTRIBUTION_ID,
        endpoint: vars.CDN_CLOUDFRONT_ENDPOINT,
        accessKeyId: vars.CDN_CLOUDFRONT_ACCESS_KEY_ID,
        secretAccessKey: vars.CDN_CLOUDFRONT_SECRET_ACCESS_KEY,
      },
    };
    this.monitoring = {
      httpMetrics: vars.MONITORING_HTTP_METRICS,
      alerts: {
        evalIntervalMs: vars.MONITORING_ALERT_EVAL_INTERVAL_MS,
        groupWaitMs: vars.MONITORING_ALERT_GROUP_WAIT_MS,
        groupIntervalMs: vars.MONITORING_ALERT_GROUP_INTERVAL_MS,
        repeatIntervalMs: vars.MONITORING_ALERT_REPEAT_INTERVAL_MS,
        notifyTimeoutMs: vars.MONITORING_NOTIFY_TIMEOUT_MS,
      },
      webhookAllowlist: splitList(vars.MONITORING_WEBHOOK_ALLOWLIST),
      smtp: { url: vars.MONITORING_SMTP_URL, from: vars.MONITORING_SMTP_FROM },
      externalUrl: (vars.MONITORING_EXTERNAL_URL ?? `http://${vars.HOST === '0.0.0.0' || vars.HOST === '::' ? 'localhost' : vars.HOST}:${vars.PORT}`).replace(/\/+$/, ''),
      regression: {
        margin: vars.MONITORING_REGRESSION_MARGIN,
        sustainMs: vars.MONITORING_REGRESSION_SUSTAIN_MS,
        minRequests: vars.MONITORING_REGRESSION_MIN_REQUESTS,
      },
      scaling: {
        sloP95Ms: vars.MONITORING_SLO_P95_MS,
        targetUtilisation: vars.MONITORING_SCALING_TARGET_UTILISATION,
        replicas: vars.MONITORING_REPLICAS,
        minReplicas: vars.MONITORING_SCALING_MIN_REPLICAS,
        maxReplicas: Math.max(vars.MONITORING_SCALING_MIN_REPLICAS, vars.MONITORING_SCALING_MAX_REPLICAS),
      },
      streamIntervalMs: vars.MONITORING_STREAM_INTERVAL_MS,
      profileMaxSeconds: vars.MONITORING_PROFILE_MAX_SECONDS,
      otlpEndpoint: vars.MONITORING_OTLP_ENDPOINT,
    };
    this.gpu = {
      collector: vars.GPU_COLLECTOR,
      sampleIntervalMs: vars.GPU_SAMPLE_INTERVAL_MS,
      nvidiaSmi: { path: vars.GPU_NVIDIA_SMI_PATH, timeoutMs: vars.GPU_NVIDIA_SMI_TIMEOUT_MS },
      dcgmUrl: vars.GPU_DCGM_URL,
      kernelLogPath: vars.GPU_KERNEL_LOG_PATH === 'off' ? null : vars.GPU_KERNEL_LOG_PATH,
      flush: { rows: vars.GPU_FLUSH_ROWS, intervalMs: vars.GPU_FLUSH_INTERVAL_MS, bufferMaxRows: vars.GPU_BUFFER_MAX_ROWS },
      retention: { rawDays: vars.GPU_RAW_RETENTION_DAYS, rollupDays: vars.GPU_ROLLUP_RETENTION_DAYS },
      models: { maxBytes: vars.GPU_MODEL_MAX_BYTES, dir: resolve(vars.GPU_MODELS_DIR ?? resolve(dataDir, 'models')) },
    };
  }

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }

  get redisConfigured(): boolean {
    return this.redis.url !== undefined;
  }
}
