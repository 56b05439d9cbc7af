import { loadAppConfig, type AppConfig } from '@app/config';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Secrets shared by every test instance, as instances of one deployment share theirs (dev secrets are per data
 * dir, so two instances would otherwise disagree on the API key pepper and the JWT secret).
 */
const SHARED_TEST_SECRETS = {
  API_KEY_PEPPER: 'YnVsd2Fyay10ZXN0LWFwaS1rZXktcGVwcGVyLTAwMDE',
  JWT_SECRET: 'YnVsd2Fyay10ZXN0LWp3dC1zZWNyZXQtMzJieXRlcyEh',
  ENCRYPTION_KEYS: 'YnVsd2Fyay10ZXN0LWZlcm5ldC1rZXktMzJieXRlcyE=',
};

/** An AppConfig for tests: quiet logs, no drain delay, a private data dir, shared secrets; `overrides` win. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadAppConfig({
    ...SHARED_TEST_SECRETS,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'bulwark-test-')),
    SHUTDOWN_DRAIN_DELAY_MS: '0',
    DATABASE_CONNECT_ATTEMPTS: '2',
    ...overrides,
  });
}
