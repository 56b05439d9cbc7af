import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ConfigValidationError } from './config-validation.error.js';
import { envVarOptions } from './env-var.decorator.js';
import type { EnvironmentVariables } from './environment-variables.js';

const DEV_SECRETS_FILE = 'dev-secrets.json';

/** Secrets a variable needs only in some setups (the embedded database password has no use with DATABASE_URL). */
const NEEDED_WHEN: Partial<Record<keyof EnvironmentVariables, (vars: EnvironmentVariables) => boolean>> = {
  DATABASE_EMBEDDED_PASSWORD: (vars) => vars.DATABASE_URL === undefined,
};

function readStore(path: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/**
 * Fills secrets that are unset with values generated once into `<DATA_DIR>/dev-secrets.json`, so a fresh clone
 * runs with no configuration. Refused in production, where every needed secret must be given explicitly.
 * Returns the names that came from the store.
 */
export function applyDevSecrets(vars: EnvironmentVariables): string[] {
  const missing = [...envVarOptions()].filter(([name, options]) => {
    const key = name as keyof EnvironmentVariables;
    return options.devSecret && vars[key] === undefined && (NEEDED_WHEN[key]?.(vars) ?? true);
  });
  if (missing.length === 0) {
    return [];
  }
  if (vars.NODE_ENV === 'production') {
    throw new ConfigValidationError(
      missing.map(([name]) => `${name}: required when NODE_ENV=production (dev secrets are never generated there)`),
    );
  }
  const path = join(vars.DATA_DIR, DEV_SECRETS_FILE);
  const store = readStore(path);
  let changed = false;
  for (const [name, options] of missing) {
    if (store[name] === undefined) {
      store[name] = options.devSecret!();
      changed = true;
    }
    Object.assign(vars, { [name]: store[name] });
  }
  if (changed) {
    mkdirSync(vars.DATA_DIR, { recursive: true });
    writeFileSync(path, `${JSON.stringify(store, null, 2)}\n`, { mode: 0o600 });
  }
  return missing.map(([name]) => name);
}
