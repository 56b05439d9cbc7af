// npm run bench:db [-- --seconds=3 --rounds=3 --concurrency=16 --postgres=ADMIN_URL]: queries/s of `SELECT 1` and of
// an indexed primary-key lookup through the platform's pool (the pg Pool the app's DatabaseModule builds, with its
// query metrics, slow-query log, acquire timing and circuit breaker) and through TypeORM's DataSource.query on top
// of it, against a raw `pg` Pool of the same size and concurrency, in alternating rounds of one run; pgbench at the
// same concurrency as the server's own ceiling; and pooled vs a connection per query. Not a test: it prints
// numbers, it asserts nothing.
import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

import { withBenchDatabase } from '../support/bench-database.js';
import { benchFlags, benchServices } from '../support/bench-flags.js';

const flags = benchFlags();
const SECONDS = Number(flags.seconds ?? 3);
const ROUNDS = Number(flags.rounds ?? 3);
const CONCURRENCY = Number(flags.concurrency ?? 16);
const ROWS = 100_000;
const { postgresUrl: ADMIN_URL } = benchServices(flags);

const QUERIES = {
  'SELECT 1': { sql: 'SELECT 1', params: () => [] },
  'primary-key lookup': { sql: 'SELECT payload FROM bench_items WHERE id = $1', params: () => [1 + Math.floor(Math.random() * ROWS)] },
};

/** Runs `query` from CONCURRENCY loops for SECONDS; queries per second and mean latency. */
async function drive(query) {
  const deadline = performance.now() + SECONDS * 1000;
  let done = 0;
  let busyMs = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        await query();
        busyMs += performance.now() - started;
        done += 1;
      }
    }),
  );
  return { perSecond: done / SECONDS, meanMs: busyMs / done };
}

async function platformDataSource(url) {
  const { Global, Module } = await import('@nestjs/common');
  const { CommonModule } = await import('../../dist/libs/common/src/index.js');
  const { AppConfig, loadAppConfig } = await import('../../dist/libs/config/src/index.js');
  const { DatabaseModule } = await import('../../dist/src/modules/database/index.js');
  const { SCHEMA } = await import('../../dist/src/schema.js');
  const { DataSource } = await import('typeorm');
  const config = loadAppConfig({ DATABASE_URL: url, DATABASE_POOL_MAX: String(CONCURRENCY), LOG_LEVEL: 'error', DATA_DIR: mkdtempSync(join(tmpdir(), 'bulwark-bench-')) });
  class BenchConfigModule {}
  Global()(BenchConfigModule);
  Module({ exports: [AppConfig], providers: [{ provide: AppConfig, useValue: config }] })(BenchConfigModule);
  class BenchDatabaseModule {}
  Module({ imports: [BenchConfigModule, CommonModule, DatabaseModule.forRoot(SCHEMA)] })(BenchDatabaseModule);
  const context = await NestFactory.createApplicationContext(BenchDatabaseModule, { logger: ['error'] });
  return { dataSource: context.get(DataSource), close: () => context.close() };
}

function pgbench(url, script) {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-pgbench-'));
  const file = join(dir, 'script.sql');
  writeFileSync(file, script);
  const output = execFileSync('pgbench', ['-n', '-c', String(CONCURRENCY), '-j', '2', '-T', String(SECONDS), '-f', file, url], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return Number(/tps = ([\d.]+)/.exec(output)?.[1] ?? Number.NaN);
}

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const print = (line) => process.stdout.write(`${line}\n`);

await withBenchDatabase(ADMIN_URL, async (url) => {
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  await setup.query(`CREATE TABLE bench_items (id int PRIMARY KEY, payload text NOT NULL); INSERT INTO bench_items SELECT g, md5(g::text) FROM generate_series(1, ${ROWS}) g; ANALYZE bench_items`);
  await setup.end();

  const platform = await platformDataSource(url);
  const raw = new pg.Pool({ connectionString: url, max: CONCURRENCY });
  // The database is dropped WITH (FORCE) at the end: a connection cut then must not crash the report.
  raw.on('error', () => undefined);
  print(`PostgreSQL pool benchmark: ${CONCURRENCY} concurrent callers, pools of ${CONCURRENCY}, ${ROUNDS} alternating rounds of ${SECONDS} s per side`);
  try {
    for (const [name, { sql, params }] of Object.entries(QUERIES)) {
      const pool = platform.dataSource.driver.master;
      // Warm every path (connections open, code compiled) before measuring.
      for (let warm = 0; warm < 200; warm++) {
        await Promise.all(Array.from({ length: CONCURRENCY }, () => Promise.all([pool.query(sql, params()), platform.dataSource.query(sql, params()), raw.query(sql, params())])));
      }
      const sides = { platform: [], typeorm: [], raw: [] };
      for (let round = 0; round < ROUNDS; round++) {
        sides.platform.push(await drive(() => pool.query(sql, params())));
        sides.typeorm.push(await drive(() => platform.dataSource.query(sql, params())));
        sides.raw.push(await drive(() => raw.query(sql, params())));
      }
      const best = (runs) => runs.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
      const ratios = (side) => side.map((run, i) => run.perSecond / sides.raw[i].perSecond);
      const script = name === 'SELECT 1' ? 'SELECT 1;\n' : `\\set id random(1, ${ROWS})\nSELECT payload FROM bench_items WHERE id = :id;\n`;
      print(`\n${name}`);
      print(`  raw pg Pool              ${fmt(best(sides.raw).perSecond).padStart(9)} q/s  mean ${fmt(best(sides.raw).meanMs, 2)} ms`);
      print(`  platform pool            ${fmt(best(sides.platform).perSecond).padStart(9)} q/s  mean ${fmt(best(sides.platform).meanMs, 2)} ms`);
      print(`  TypeORM DataSource.query ${fmt(best(sides.typeorm).perSecond).padStart(9)} q/s  mean ${fmt(best(sides.typeorm).meanMs, 2)} ms`);
      print(`  pgbench (C, ${CONCURRENCY} conns)     ${fmt(pgbench(url, script)).padStart(9)} q/s`);
      print(`  platform pool / raw per round: ${ratios(sides.platform).map((ratio) => fmt(ratio, 2)).join(', ')}  (target >= 0.85)`);
      print(`  TypeORM / raw per round:       ${ratios(sides.typeorm).map((ratio) => fmt(ratio, 2)).join(', ')}`);
    }

    const perQuery = await drive(async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query('SELECT 1');
      } finally {
        await client.end();
      }
    });
    const pooled = await drive(() => raw.query('SELECT 1'));
    print('\npooled vs a new connection per query (SELECT 1, raw pg)');
    print(`  connect per query        ${fmt(perQuery.perSecond).padStart(9)} q/s  mean ${fmt(perQuery.meanMs, 2)} ms`);
    print(`  pooled                   ${fmt(pooled.perSecond).padStart(9)} q/s  mean ${fmt(pooled.meanMs, 2)} ms`);
    print(`  pooled / per query: ${fmt(pooled.perSecond / perQuery.perSecond, 1)}x`);
  } finally {
    await raw.end();
    await platform.close();
  }
});
