import { existsSync } from 'node:fs';

import { AppConfig } from './app-config.js';
import { applyDevSecrets } from './dev-secrets.js';
import { validateEnvironment, type RawEnvironment } from './validate-environment.js';

/**
 * The process environment, with `./.env` loaded first when present. The only place that reads `process.env`.
 */
export function readEnvironment(): RawEnvironment {
  if (existsSync('.env')) {
    process.loadEnvFile('.env');
  }
  return { ...process.env };
}

/** Validates `raw` (the process environment by default) and fills generated dev secrets. */
export function loadAppConfig(raw: RawEnvironment = readEnvironment()): AppConfig {
  const variables = validateEnvironment(raw);
  const devSecrets = applyDevSecrets(variables);
  return new AppConfig(variables, devSecrets);
}
