import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ConfigValidationError } from './config-validation.error.js';
import { applyDevSecrets } from './dev-secrets.js';
import type { EnvironmentVariables } from './environment-variables.js';
import { validateEnvironment } from './validate-environment.js';

/** The always-needed secrets, given explicitly so each test below is about the embedded password alone. */
const OTHER_SECRETS = {
  API_KEY_PEPPER: 'p'.repeat(43),
  JWT_SECRET: 'j'.repeat(43),
  ENCRYPTION_KEYS: `${'k'.repeat(43)}=`,
};

describe('applyDevSecrets', () => {
  let dataDir: string;

  const storePath = (): string => join(dataDir, 'dev-secrets.json');
  const readStore = (): Record<string, string> => JSON.parse(readFileSync(storePath(), 'utf8')) as Record<string, string>;
  const variables = (raw: Record<string, string> = {}): EnvironmentVariables => validateEnvironment({ DATA_DIR: dataDir, ...OTHER_SECRETS, ...raw });

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'bulwark-dev-secrets-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('generates DATABASE_EMBEDDED_PASSWORD into <DATA_DIR>/dev-secrets.json and fills the variable', () => {
    const vars = variables();

    const applied = applyDevSecrets(vars);

    expect(applied).toEqual(['DATABASE_EMBEDDED_PASSWORD']);
    expect(vars.DATABASE_EMBEDDED_PASSWORD).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(readStore()).toEqual({ DATABASE_EMBEDDED_PASSWORD: vars.DATABASE_EMBEDDED_PASSWORD });
  });

  it('writes the store readable by its owner only (mode 0600)', () => {
    applyDevSecrets(variables());

    expect(statSync(storePath()).mode & 0o777).toBe(0o600);
  });

  it('reuses the stored secret on the next load instead of generating another', () => {
    const first = variables();
    applyDevSecrets(first);
    const written = readFileSync(storePath(), 'utf8');

    const second = variables();
    const applied = applyDevSecrets(second);

    expect(applied).toEqual(['DATABASE_EMBEDDED_PASSWORD']);
    expect(second.DATABASE_EMBEDDED_PASSWORD).toBe(first.DATABASE_EMBEDDED_PASSWORD);
    expect(readFileSync(storePath(), 'utf8')).toBe(written);
  });

  it('generates a different secret for a different data dir', () => {
    const other = mkdtempSync(join(tmpdir(), 'bulwark-dev-secrets-'));
    try {
      const here = variables();
      const there = validateEnvironment({ DATA_DIR: other });

      applyDevSecrets(here);
      applyDevSecrets(there);

      expect(there.DATABASE_EMBEDDED_PASSWORD).not.toBe(here.DATABASE_EMBEDDED_PASSWORD);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('creates DATA_DIR when it does not exist yet', () => {
    const nested = join(dataDir, 'not', 'yet');
    const vars = validateEnvironment({ DATA_DIR: nested });

    applyDevSecrets(vars);

    expect(existsSync(join(nested, 'dev-secrets.json'))).toBe(true);
  });

  it('keeps other entries already in the store', () => {
    writeFileSync(storePath(), JSON.stringify({ SOME_OTHER_SECRET: 'kept' }));
    const vars = variables();

    applyDevSecrets(vars);

    expect(readStore()).toEqual({ SOME_OTHER_SECRET: 'kept', DATABASE_EMBEDDED_PASSWORD: vars.DATABASE_EMBEDDED_PASSWORD });
  });

  it('replaces a store that is not valid JSON', () => {
    writeFileSync(storePath(), '{ not json');
    const vars = variables();

    applyDevSecrets(vars);

    expect(vars.DATABASE_EMBEDDED_PASSWORD).toEqual(expect.any(String));
    expect(readStore()).toEqual({ DATABASE_EMBEDDED_PASSWORD: vars.DATABASE_EMBEDDED_PASSWORD });
  });

  it('generates nothing when DATABASE_URL is set (the embedded password has no use)', () => {
    const vars = variables({ DATABASE_URL: 'postgres://app@db:5432/app' });

    expect(applyDevSecrets(vars)).toEqual([]);
    expect(vars.DATABASE_EMBEDDED_PASSWORD).toBeUndefined();
    expect(existsSync(storePath())).toBe(false);
  });

  it('generates nothing when the password is given explicitly', () => {
    const vars = variables({ DATABASE_EMBEDDED_PASSWORD: 'given' });

    expect(applyDevSecrets(vars)).toEqual([]);
    expect(vars.DATABASE_EMBEDDED_PASSWORD).toBe('given');
    expect(existsSync(storePath())).toBe(false);
  });

  it('refuses with a ConfigValidationError naming the secret when NODE_ENV=production needs it', () => {
    const vars = variables({ NODE_ENV: 'production' });

    let thrown: unknown;
    try {
      applyDevSecrets(vars);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(ConfigValidationError);
    expect((thrown as ConfigValidationError).problems).toEqual([
      expect.stringMatching(/^DATABASE_EMBEDDED_PASSWORD: required when NODE_ENV=production/),
    ]);
    expect(existsSync(storePath())).toBe(false);
  });

  it('refuses in production even when a store from development exists', () => {
    applyDevSecrets(variables());

    expect(() => applyDevSecrets(variables({ NODE_ENV: 'production' }))).toThrow(ConfigValidationError);
  });

  it('accepts production when DATABASE_URL makes the secret unnecessary', () => {
    const vars = variables({ NODE_ENV: 'production', DATABASE_URL: 'postgres://app@db:5432/app' });

    expect(applyDevSecrets(vars)).toEqual([]);
  });

  it('accepts production when the secret is given', () => {
    const vars = variables({ NODE_ENV: 'production', DATABASE_EMBEDDED_PASSWORD: 'given' });

    expect(applyDevSecrets(vars)).toEqual([]);
    expect(vars.DATABASE_EMBEDDED_PASSWORD).toBe('given');
  });

  it('generates every needed secret (pepper, JWT, Fernet keys, embedded password) when none is given', () => {
    const vars = validateEnvironment({ DATA_DIR: dataDir });

    const applied = applyDevSecrets(vars);

    expect([...applied].sort()).toEqual(['API_KEY_PEPPER', 'DATABASE_EMBEDDED_PASSWORD', 'ENCRYPTION_KEYS', 'JWT_SECRET']);
    expect(Buffer.from(vars.JWT_SECRET!, 'base64url').length).toBe(32);
    expect(Buffer.from(vars.ENCRYPTION_KEYS!, 'base64url').length).toBe(32);
    expect(validateEnvironment({ DATA_DIR: dataDir, ...readStore() })).toMatchObject(readStore());
  });
});
