import { readEnvironment } from '@app/config';
import { jest } from '@jest/globals';
import { testDatabase, type TestDatabase } from '@app/testing';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { parseApiKey } from '../../src/modules/security/api-keys/api-key-format.js';

const run = promisify(execFile);
const CLI = join(process.cwd(), 'dist/src/cli/main.js');

// Each call boots the app context in a fresh process: seconds on a loaded 2-core machine.
jest.setTimeout(120_000);

/** The built CLI (npm test builds first), as an operator runs it, against this file's database. */
async function cli(db: TestDatabase, ...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [CLI, 'keys', ...args], {
    env: { PATH: readEnvironment().PATH, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: db.url, DATA_DIR: mkdtempSync(join(tmpdir(), 'bulwark-cli-')) },
  });
}

describe('npm run cli -- keys', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await testDatabase();
  });

  afterAll(async () => {
    await db.drop();
  });

  it('new-secret prints a well-formed key', async () => {
    const { stdout } = await cli(db, 'new-secret');
    expect(parseApiKey(stdout.trim())).not.toBeNull();
  });

  it('create prints the key once with its record; list shows the record without it; revoke marks it', async () => {
    const created = JSON.parse((await cli(db, 'create', '--name', 'ci', '--owner', 'ops', '--scopes', 'cache:read,cdn:write', '--tier', 'pro')).stdout) as {
      id: string;
      key: string;
      scopes: string[];
      tier: string;
    };
    expect(parseApiKey(created.key)).not.toBeNull();
    expect(created).toMatchObject({ scopes: ['cache:read', 'cdn:write'], tier: 'pro' });

    const listed = JSON.parse((await cli(db, 'list')).stdout) as { items: Array<{ id: string; key?: string }> };
    const record = listed.items.find((item) => item.id === created.id);
    expect(record).toBeDefined();
    expect(record!.key).toBeUndefined();

    const revoked = JSON.parse((await cli(db, 'revoke', created.id)).stdout) as { revokedAt: string | null };
    expect(revoked.revokedAt).toEqual(expect.any(String));
  });

  it('refuses unknown scopes with a message and a failing exit code', async () => {
    await expect(cli(db, 'create', '--name', 'x', '--owner', 'y', '--scopes', 'root')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('unknown scopes: root') });
  });
});
