// A PostgreSQL database of a benchmark's own (the app migrates it at startup), dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

async function admin(adminUrl, sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates a fresh database next to `adminUrl`, runs `work(url)` against it, and drops it whatever happens. */
export async function withBenchDatabase(adminUrl, work) {
  const name = `bulwark_bench_${randomBytes(4).toString('hex')}`;
  await admin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}
