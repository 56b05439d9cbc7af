import { resolve } from 'node:path';

import { AppConfig } from './app-config.js';
import { validateEnvironment } from './validate-environment.js';

function configFrom(raw: Record<string, string> = {}, devSecrets: string[] = []): AppConfig {
  return new AppConfig(validateEnvironment({ DATA_DIR: '/srv/bulwark', ...raw }), devSecrets);
}

describe(AppConfig.name, () => {
  describe('database', () => {
    it('runs in embedded mode when DATABASE_URL is unset', () => {
      const config = configFrom({ DATABASE_EMBEDDED_PASSWORD: 'pw', DATABASE_EMBEDDED_PORT: '55000' });

      expect(config.database.mode).toBe('embedded');
      expect(config.database.url).toBeUndefined();
      expect(config.database.embedded).toEqual({ port: 55000, password: 'pw', dataDir: resolve('/srv/bulwark', 'pg') });
    });

    it('runs in external mode with the given URL when DATABASE_URL is set', () => {
      const config = configFrom({ DATABASE_URL: 'postgres://app@db:5432/app' });

      expect(config.database.mode).toBe('external');
      expect(config.database.url).toBe('postgres://app@db:5432/app');
    });

    it('leaves the embedded password empty when none is known', () => {
      expect(configFrom().database.embedded.password).toBe('');
    });

    it('places the embedded data dir under an absolute DATA_DIR even when DATA_DIR is relative', () => {
      const config = new AppConfig(validateEnvironment({ DATA_DIR: './state' }));

      expect(config.server.dataDir).toBe(resolve('./state'));
      expect(config.database.embedded.dataDir).toBe(resolve('./state', 'pg'));
    });

    it('copies the pool settings', () => {
      const config = configFrom({
        DATABASE_POOL_MAX: '20',
        DATABASE_POOL_MIN: '4',
        DATABASE_IDLE_TIMEOUT_MS: '1000',
        DATABASE_ACQUIRE_TIMEOUT_MS: '2000',
      });

      expect(config.database.pool).toEqual({ max: 20, min: 4, idleTimeoutMs: 1000, acquireTimeoutMs: 2000 });
    });

    it('caps the pool minimum at the pool maximum', () => {
      const config = configFrom({ DATABASE_POOL_MAX: '5', DATABASE_POOL_MIN: '50' });

      expect(config.database.pool.max).toBe(5);
      expect(config.database.pool.min).toBe(5);
    });

    it('copies statement timeout, application name, migrations flag and connect attempts', () => {
      const config = configFrom({
        DATABASE_STATEMENT_TIMEOUT_MS: '0',
        DATABASE_APPLICATION_NAME: 'bulwark-test',
        DATABASE_MIGRATIONS_RUN: 'false',
        DATABASE_CONNECT_ATTEMPTS: '3',
      });

      expect(config.database).toMatchObject({
        statementTimeoutMs: 0,
        applicationName: 'bulwark-test',
        migrationsRun: false,
        connectAttempts: 3,
      });
    });
  });

  describe('http', () => {
    it('splits CORS origins on commas, trimming each and dropping empty ones', () => {
      const config = configFrom({ HTTP_CORS_ORIGINS: ' https://a.example ,https://b.example,, ,https://c.example:8443 ' });

      expect(config.http.corsOrigins).toEqual(['https://a.example', 'https://b.example', 'https://c.example:8443']);
    });

    it('allows no origin when HTTP_CORS_ORIGINS is unset', () => {
      expect(configFrom().http.corsOrigins).toEqual([]);
    });

    it('copies the body limit and docs flag', () => {
      const config = configFrom({ HTTP_BODY_LIMIT_BYTES: '2048', HTTP_DOCS_ENABLED: 'off' });

      expect(config.http.bodyLimitBytes).toBe(2048);
      expect(config.http.docsEnabled).toBe(false);
    });
  });

  describe('redis', () => {
    it('is not configured without REDIS_URL', () => {
      const config = configFrom();

      expect(config.redisConfigured).toBe(false);
      expect(config.redis).toEqual({ url: undefined, commandTimeoutMs: 1000 });
    });

    it('is configured with REDIS_URL', () => {
      const config = configFrom({ REDIS_URL: 'redis://cache:6379', REDIS_COMMAND_TIMEOUT_MS: '250' });

      expect(config.redisConfigured).toBe(true);
      expect(config.redis).toEqual({ url: 'redis://cache:6379', commandTimeoutMs: 250 });
    });
  });

  describe('isProduction', () => {
    it.each([
      ['production', true],
      ['development', false],
      ['test', false],
    ])('is %p → %p', (nodeEnv, expected) => {
      expect(configFrom({ NODE_ENV: nodeEnv, DATABASE_EMBEDDED_PASSWORD: 'pw' }).isProduction).toBe(expected);
    });
  });

  describe('server, logging and shutdown', () => {
    it('copies host, port, log settings and shutdown timings', () => {
      const config = configFrom({
        HOST: '127.0.0.1',
        PORT: '8080',
        LOG_LEVEL: 'debug',
        LOG_REQUESTS: 'false',
        SHUTDOWN_DRAIN_DELAY_MS: '0',
        SHUTDOWN_TIMEOUT_MS: '100',
      });

      expect(config.server).toEqual({ host: '127.0.0.1', port: 8080, dataDir: resolve('/srv/bulwark') });
      expect(config.logging).toEqual({ level: 'debug', requests: false });
      expect(config.shutdown).toEqual({ drainDelayMs: 0, timeoutMs: 100 });
    });
  });

  describe('devSecrets', () => {
    it('keeps the names of the secrets that came from the dev store', () => {
      expect(configFrom({}, ['DATABASE_EMBEDDED_PASSWORD']).devSecrets).toEqual(['DATABASE_EMBEDDED_PASSWORD']);
    });

    it('defaults to none', () => {
      expect(new AppConfig(validateEnvironment({})).devSecrets).toEqual([]);
    });
  });
});
