export { AppConfig, type DatabaseConfig, type DatabaseMode } from './app-config.js';
export { ConfigModule } from './config.module.js';
export { describeEnvironment, renderConfigMarkdown, renderEnvExample } from './config-table.js';
export { ConfigValidationError } from './config-validation.error.js';
export type { EnvGroup, EnvVarDescriptor } from './env-var.decorator.js';
export { CDN_STORAGES, EnvironmentVariables, GPU_COLLECTORS, LOG_LEVELS, NODE_ENVS, type CdnStorageKind, type GpuCollector, type LogLevel, type NodeEnv } from './environment-variables.js';
export { loadAppConfig, readEnvironment } from './load-app-config.js';
export { validateEnvironment, type RawEnvironment } from './validate-environment.js';
