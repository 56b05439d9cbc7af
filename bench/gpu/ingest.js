// npm run bench:gpu:ingest [-- --rows=200000 --rounds=3 --batch=5000 --row-by-row=5000 --postgres=ADMIN_URL]: rows/s of
// the GPU sample writer (buffer → one `INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING` per batch, device ids
// from its cache) into gpu_samples, against baselines measured in the same run on the same table: a plain multi-row
// `INSERT … VALUES (…), (…) ON CONFLICT DO NOTHING` through a raw pg client (same batch size), and one INSERT per row.
// Alternating rounds, the table truncated before each side; the best round of each is reported. Not a test: it prints
// numbers, it asserts nothing.
import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

import { withBenchDatabase } from '../support/bench-database.js';
import { benchFlags, benchServices } from '../support/bench-flags.js';

const flags = benchFlags();
const ROWS = Number(flags.rows ?? 200_000);
const ROUNDS = Number(flags.rounds ?? 3);
const BATCH = Number(flags.batch ?? 5_000);
const ROW_BY_ROW = Number(flags['row-by-row'] ?? 5_000);
const DEVICES = 8;
const { postgresUrl: ADMIN_URL } = benchServices(flags);
const T0 = Date.parse('2026-11-20T00:00:00.000Z');
const COLUMNS = 11;

const uuidOf = (d) => `GPU-00000000-0000-0000-0000-${String(d).padStart(12, '0')}`;

/** `count` samples over DEVICES devices, one per device per second, like a fleet's collector output. */
function makeSamples(count) {
  return Array.from({ length: count }, (_, i) => ({
    uuid: uuidOf(i % DEVICES),
    host: 'bench-node',
    sampledAt: new Date(T0 + Math.floor(i / DEVICES) * 1_000).toISOString(),
    utilizationRatio: (i % 100) / 100,
    memoryUtilizationRatio: 0.3,
    memoryUsedBytes: 20 * 2 ** 30 + i,
    memoryTotalBytes: 80 * 2 ** 30,
    powerWatts: 250 + (i % 50),
    temperatureCelsius: 55 + (i % 20),
    smClockMhz: 1_980,
    memoryClockMhz: 2_619,
    throttleReasons: i % 10 === 0 ? ['sw_power_cap'] : [],
  }));
}

async function storeContext(url) {
  const { Global, Module } = await import('@nestjs/common');
  const { CommonModule } = await import('../../dist/libs/common/src/index.js');
  const { AppConfig, loadAppConfig } = await import('../../dist/libs/config/src/index.js');
  const { DatabaseModule } = await import('../../dist/src/modules/database/index.js');
  const { GpuStoreModule } = await import('../../dist/src/modules/gpu/store/gpu-store.module.js');
  const { GpuSampleWriter } = await import('../../dist/src/modules/gpu/store/gpu-sample-writer.js');
  const { SCHEMA } = await import('../../dist/src/schema.js');
  const config = loadAppConfig({
    DATABASE_URL: url,
    GPU_FLUSH_ROWS: String(BATCH),
    GPU_FLUSH_INTERVAL_MS: '600000',
    GPU_BUFFER_MAX_ROWS: String(Math.max(ROWS, 1_000)),
    LOG_LEVEL: 'error',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'bulwark-bench-')),
  });
  class BenchConfigModule {}
  Global()(BenchConfigModule);
  Module({ exports: [AppConfig], providers: [{ provide: AppConfig, useValue: config }] })(BenchConfigModule);
  class BenchStoreModule {}
  Module({ imports: [BenchConfigModule, CommonModule, DatabaseModule.forRoot(SCHEMA), GpuStoreModule] })(BenchStoreModule);
  const context = await NestFactory.createApplicationContext(BenchStoreModule, { logger: ['error'] });
  return { writer: context.get(GpuSampleWriter), close: () => context.close() };
}

/** The writer as collectors use it: collections of one sample per device enqueued, then everything flushed. */
async function viaWriter(writer, samples) {
  const started = performance.now();
  for (let i = 0; i < samples.length; i += 1_000) {
    writer.enqueue(samples.slice(i, i + 1_000));
  }
  while (!(await writer.flush()) || writer.buffered > 0) {
    // a failed batch stays buffered and is retried: keep flushing until everything is in
  }
  return performance.now() - started;
}

const rowValues = (s, deviceId) => [deviceId, s.sampledAt, s.utilizationRatio, s.memoryUtilizationRatio, s.memoryUsedBytes, s.memoryTotalBytes, s.powerWatts, s.temperatureCelsius, s.smClockMhz, s.memoryClockMhz, s.throttleReasons];
const INSERT_HEAD = `INSERT INTO gpu_samples (device_id, sampled_at, utilization_ratio, memory_utilization_ratio, memory_used_bytes, memory_total_bytes, power_watts, temperature_celsius, sm_clock_mhz, mem_clock_mhz, throttle_reasons) VALUES `;

/** Baseline: a multi-row VALUES list per batch (11 parameters a row) on one raw pg client. */
async function viaValues(client, ids, samples) {
  const started = performance.now();
  for (let i = 0; i < samples.length; i += BATCH) {
    const batch = samples.slice(i, i + BATCH);
    const params = [];
    const tuples = batch.map((s, row) => {
      params.push(...rowValues(s, ids.get(s.uuid)));
      return `(${Array.from({ length: COLUMNS }, (_, c) => `$${row * COLUMNS + c + 1}`).join(', ')})`;
    });
    await client.query(`${INSERT_HEAD}${tuples.join(', ')} ON CONFLICT DO NOTHING`, params);
  }
  return performance.now() - started;
}

/** Baseline: one INSERT per row on one raw pg client (a naive collector). */
async function viaRowByRow(client, ids, samples) {
  const sql = `${INSERT_HEAD}(${Array.from({ length: COLUMNS }, (_, c) => `$${c + 1}`).join(', ')}) ON CONFLICT DO NOTHING`;
  const started = performance.now();
  for (const s of samples) {
    await client.query(sql, rowValues(s, ids.get(s.uuid)));
  }
  return performance.now() - started;
}

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const print = (line) => process.stdout.write(`${line}\n`);

await withBenchDatabase(ADMIN_URL, async (url) => {
  const store = await storeContext(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const samples = makeSamples(ROWS);
    const rowByRow = samples.slice(0, ROW_BY_ROW);
    // Devices exist (and the writer's id cache is warm) before any timing: every side then writes samples only.
    await viaWriter(store.writer, samples.slice(0, DEVICES));
    const ids = new Map((await client.query('SELECT id, uuid FROM gpu_devices')).rows.map((row) => [row.uuid, row.id]));
    const truncate = () => client.query('TRUNCATE gpu_samples');
    const count = async () => Number((await client.query('SELECT count(*) AS n FROM gpu_samples')).rows[0].n);
    const runs = { writer: [], values: [], rowByRow: [] };
    for (let round = 0; round < ROUNDS; round++) {
      await truncate();
      runs.writer.push(ROWS / ((await viaWriter(store.writer, samples)) / 1_000));
      if ((await count()) !== ROWS) throw new Error('the writer did not store every row');
      await truncate();
      runs.values.push(ROWS / ((await viaValues(client, ids, samples)) / 1_000));
      if ((await count()) !== ROWS) throw new Error('the VALUES baseline did not store every row');
      await truncate();
      runs.rowByRow.push(ROW_BY_ROW / ((await viaRowByRow(client, ids, rowByRow)) / 1_000));
    }
    // Idempotency cost: the same rows again, all conflicting.
    await truncate();
    await viaWriter(store.writer, samples);
    const duplicatesRate = ROWS / ((await viaWriter(store.writer, samples)) / 1_000);

    const best = (side) => Math.max(...side);
    const writer = best(runs.writer);
    print(`GPU sample ingest into gpu_samples: ${fmt(ROWS)} rows over ${DEVICES} devices, batches of ${fmt(BATCH)}, best of ${ROUNDS} alternating rounds`);
    print('');
    print('| path | rows | rows/s (best) | per round | writer ÷ path |');
    print('| --- | ---: | ---: | --- | ---: |');
    print(`| GpuSampleWriter (unnest, one statement per batch) | ${fmt(ROWS)} | ${fmt(writer)} | ${runs.writer.map((r) => fmt(r)).join(', ')} | 1.00 |`);
    print(`| raw pg, multi-row INSERT … VALUES per batch | ${fmt(ROWS)} | ${fmt(best(runs.values))} | ${runs.values.map((r) => fmt(r)).join(', ')} | ${fmt(writer / best(runs.values), 2)} |`);
    print(`| raw pg, one INSERT per row | ${fmt(ROW_BY_ROW)} | ${fmt(best(runs.rowByRow))} | ${runs.rowByRow.map((r) => fmt(r)).join(', ')} | ${fmt(writer / best(runs.rowByRow), 1)} |`);
    print(`| GpuSampleWriter, every row a duplicate | ${fmt(ROWS)} | ${fmt(duplicatesRate)} | | |`);
    print('');
    print(`Target: writer >= 50,000 rows/s → ${writer >= 50_000 ? 'met' : 'NOT met'}`);
  } finally {
    await client.end();
    await store.close();
  }
});
