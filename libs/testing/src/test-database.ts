import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Names handed from the jest global setup to every test file (through the environment, the only channel). */
export const TEST_ADMIN_URL_VAR = 'BULWARK_TEST_ADMIN_URL';
export const TEST_TEMPLATE_VAR = 'BULWARK_TEST_TEMPLATE';
export const TEST_REDIS_URL_VAR = 'BULWARK_TEST_REDIS_URL';

/** `url` with its database replaced. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Whether a PostgreSQL answers at `url` within `timeoutMs`. */
export async function postgresAnswers(url: string, timeoutMs = 1_500): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs `work` with a client on the admin database. */
export async function withAdminClient<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop: () => Promise<void>;
}

/**
 * A fresh database for one test file, cloned from the migrated template (immich's pattern): files run in
 * parallel without seeing each other's rows, and nobody pays for migrations twice.
 */
export async function createTestDatabase(adminUrl: string, template: string): Promise<TestDatabase> {
  const name = `bulwark_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(adminUrl, async (client) => {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE ${client.escapeIdentifier(template)}`);
  });
  return {
    name,
    url: withDatabase(adminUrl, name),
    drop: () =>
      withAdminClient(adminUrl, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      }),
  };
}
