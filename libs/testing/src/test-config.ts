import { loadAppConfig, type AppConfig } from '@app/config';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** An AppConfig for tests: quiet logs, no drain delay, a private data dir; `overrides` win. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadAppConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'bulwark-test-')),
    SHUTDOWN_DRAIN_DELAY_MS: '0',
    DATABASE_CONNECT_ATTEMPTS: '2',
    ...overrides,
  });
}
