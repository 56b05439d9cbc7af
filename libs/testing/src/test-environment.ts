import { readEnvironment } from '@app/config';

import { createTestDatabase, TEST_ADMIN_URL_VAR, TEST_REDIS_URL_VAR, TEST_TEMPLATE_VAR, type TestDatabase } from './test-database.js';

function required(name: string): string {
  const value = readEnvironment()[name];
  if (!value) {
    throw new Error(`${name} is not set: run tests through \`npm test\`, whose global setup prepares PostgreSQL`);
  }
  return value;
}

/** A database of this test file's own, cloned from the migrated template the global setup prepared. */
export function testDatabase(): Promise<TestDatabase> {
  return createTestDatabase(required(TEST_ADMIN_URL_VAR), required(TEST_TEMPLATE_VAR));
}

/** The admin URL (maintenance database) of the test PostgreSQL server. */
export function testAdminUrl(): string {
  return required(TEST_ADMIN_URL_VAR);
}

/**
 * The Redis URL the tests use. Tests that need Redis call this and fail with instructions when none is running.
 */
export function testRedisUrl(): string {
  const url = readEnvironment()[TEST_REDIS_URL_VAR];
  if (!url) {
    throw new Error(
      'These tests need Redis and none answered at TEST_REDIS_URL or 127.0.0.1:6379. ' +
        'Start one (`redis-server --daemonize yes` or `docker run -p 6379:6379 redis:7`) and run again.',
    );
  }
  return url;
}
