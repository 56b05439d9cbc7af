import { testConfig, testDatabase, withDatabase, type TestDatabase } from '@app/testing';
import { jest } from '@jest/globals';
import type { Logger } from '@nestjs/common';

import { connectWithRetry } from '../../src/modules/database/connect-with-retry.js';
import { dataSourceOptions } from '../../src/modules/database/index.js';
import { SCHEMA } from '../../src/schema.js';

/** Nothing listens on port 1; the password is there to prove logs never show it. */
const CLOSED_PORT_URL = 'postgres://postgres:hunter2@127.0.0.1:1/bulwark';

function optionsFor(url: string) {
  return dataSourceOptions(url, testConfig({ DATABASE_URL: url }).database, SCHEMA);
}

function fakeLogger() {
  const warn = jest.fn<(message: string) => void>();
  return { logger: { warn } as unknown as Logger, warn };
}

let db: TestDatabase;

beforeAll(async () => {
  db = await testDatabase();
});

afterAll(async () => {
  await db?.drop();
});

describe(connectWithRetry.name, () => {
  it('retries a refused connection attempts − 1 times, then rejects with the connection error', async () => {
    const { logger, warn } = fakeLogger();

    await expect(connectWithRetry(optionsFor(CLOSED_PORT_URL), 3, logger)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[0]![0]).toMatch(/retry 1 in \d+ ms/);
    expect(warn.mock.calls[1]![0]).toMatch(/retry 2 in \d+ ms/);
    expect(warn.mock.calls.join('\n')).not.toContain('hunter2');
  });

  it('connects to a reachable database at the first attempt', async () => {
    const { logger, warn } = fakeLogger();

    const dataSource = await connectWithRetry(optionsFor(db.url), 3, logger);
    try {
      expect(dataSource.isInitialized).toBe(true);
      await expect(dataSource.query('SELECT current_database() AS name')).resolves.toEqual([{ name: db.name }]);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      await dataSource.destroy();
    }
  });

  it('fails at once, without retrying, when the database does not exist (3D000)', async () => {
    const { logger, warn } = fakeLogger();
    const missing = withDatabase(db.url, `${db.name}_missing`);

    await expect(connectWithRetry(optionsFor(missing), 5, logger)).rejects.toMatchObject({ code: '3D000' });

    expect(warn).not.toHaveBeenCalled();
  });
});
