// Jest loads this file with Node's own loader (no path aliases, no TypeScript), so it uses the compiled app in
// dist/ (`npm test` builds first): the template database is migrated by exactly the code the app ships.
import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

import { EmbeddedPostgresServer } from '../../dist/libs/common/src/index.js';
import { loadAppConfig } from '../../dist/libs/config/src/index.js';
import { dataSourceOptions, runMigrationsLocked } from '../../dist/src/modules/database/index.js';
import { SCHEMA } from '../../dist/src/schema.js';
import { DataSource } from 'typeorm';

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
const LOCAL_REDIS = 'redis://127.0.0.1:6379';
const EMBEDDED_TEST_PORT = 54330;

async function postgresAnswers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
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

/** TEST_DATABASE_URL, else the local server on 5432, else an embedded PostgreSQL started for this run. */
async function resolvePostgres() {
  if (process.env.TEST_DATABASE_URL) {
    return process.env.TEST_DATABASE_URL;
  }
  if (await postgresAnswers(LOCAL_POSTGRES)) {
    return LOCAL_POSTGRES;
  }
  process.stdout.write(`\nNo PostgreSQL at ${LOCAL_POSTGRES}: starting an embedded one for the tests.\n`);
  const server = new EmbeddedPostgresServer({
    dataDir: join(tmpdir(), 'bulwark-test-pg'),
    port: EMBEDDED_TEST_PORT,
    password: 'bulwark-test',
    database: 'postgres',
  });
  await server.start();
  globalThis.bulwarkTestPostgres = server;
  return server.url;
}

async function resolveRedis() {
  const url = process.env.TEST_REDIS_URL ?? LOCAL_REDIS;
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return url;
  } catch {
    return undefined;
  } finally {
    client.disconnect();
  }
}

function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** This run's template database, brought to the latest migration once; every test file clones it. */
async function prepareTemplate(adminUrl) {
  const template = `bulwark_test_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(template)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(template)}`);
  } finally {
    await admin.end();
  }
  const config = loadAppConfig({ NODE_ENV: 'test', DATABASE_URL: withDatabase(adminUrl, template) });
  const dataSource = await new DataSource(dataSourceOptions(config.database.url, config.database, SCHEMA)).initialize();
  await runMigrationsLocked(dataSource, new Logger('TestSetup'));
  await dataSource.destroy();
  return template;
}

export default async function globalSetup() {
  const adminUrl = await resolvePostgres();
  const template = await prepareTemplate(adminUrl);
  const redisUrl = await resolveRedis();
  // Workers inherit the environment: it is how they learn where the servers are.
  process.env.BULWARK_TEST_ADMIN_URL = adminUrl;
  process.env.BULWARK_TEST_TEMPLATE = template;
  if (redisUrl) {
    process.env.BULWARK_TEST_REDIS_URL = redisUrl;
  } else {
    process.stdout.write('\nNo Redis answered at TEST_REDIS_URL or 127.0.0.1:6379: tests that need it will fail and say so.\n');
  }
}
