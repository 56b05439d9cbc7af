import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AppConfig } from './app-config.js';
import { ConfigValidationError } from './config-validation.error.js';
import { loadAppConfig } from './load-app-config.js';

/** Given explicitly so these tests are about the embedded password alone. */
const OTHER_SECRETS = { API_KEY_PEPPER: 'p'.repeat(43), JWT_SECRET: 'j'.repeat(43), ENCRYPTION_KEYS: `${'k'.repeat(43)}=` };

describe('loadAppConfig', () => {
  let dataDir: string;

  const storePath = (): string => join(dataDir, 'dev-secrets.json');

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'bulwark-load-config-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('returns an AppConfig built from the given environment', () => {
    const config = loadAppConfig({ DATA_DIR: dataDir, ...OTHER_SECRETS, PORT: '4000', LOG_LEVEL: 'warn' });

    expect(config).toBeInstanceOf(AppConfig);
    expect(config.server.port).toBe(4000);
    expect(config.server.dataDir).toBe(dataDir);
    expect(config.logging.level).toBe('warn');
  });

  it('generates the embedded database password once and reports it as a dev secret', () => {
    const config = loadAppConfig({ DATA_DIR: dataDir, ...OTHER_SECRETS });

    expect(config.devSecrets).toEqual(['DATABASE_EMBEDDED_PASSWORD']);
    expect(config.database.mode).toBe('embedded');
    expect(config.database.embedded.password).not.toBe('');
    expect(JSON.parse(readFileSync(storePath(), 'utf8'))).toEqual({ DATABASE_EMBEDDED_PASSWORD: config.database.embedded.password });
  });

  it('reuses the generated password on the next load', () => {
    const first = loadAppConfig({ DATA_DIR: dataDir, ...OTHER_SECRETS });
    const second = loadAppConfig({ DATA_DIR: dataDir, ...OTHER_SECRETS });

    expect(second.database.embedded.password).toBe(first.database.embedded.password);
    expect(second.devSecrets).toEqual(['DATABASE_EMBEDDED_PASSWORD']);
  });

  it('generates no secret when DATABASE_URL is set', () => {
    const config = loadAppConfig({ DATA_DIR: dataDir, ...OTHER_SECRETS, DATABASE_URL: 'postgres://app@db:5432/app' });

    expect(config.devSecrets).toEqual([]);
    expect(config.database.mode).toBe('external');
    expect(config.database.embedded.password).toBe('');
    expect(existsSync(storePath())).toBe(false);
  });

  it('uses an explicit password and stores nothing', () => {
    const config = loadAppConfig({ DATA_DIR: dataDir, ...OTHER_SECRETS, DATABASE_EMBEDDED_PASSWORD: 'explicit' });

    expect(config.devSecrets).toEqual([]);
    expect(config.database.embedded.password).toBe('explicit');
    expect(existsSync(storePath())).toBe(false);
  });

  it('refuses to generate the password when NODE_ENV=production', () => {
    expect(() => loadAppConfig({ DATA_DIR: dataDir, ...OTHER_SECRETS, NODE_ENV: 'production' })).toThrow(ConfigValidationError);
    expect(existsSync(storePath())).toBe(false);
  });

  it('rejects an invalid environment before touching the data dir', () => {
    expect(() => loadAppConfig({ DATA_DIR: dataDir, ...OTHER_SECRETS, PORT: 'nope' })).toThrow(ConfigValidationError);
    expect(existsSync(storePath())).toBe(false);
  });
});
