import { buildMlpModel, encodeOnnx } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import type { IdPool } from './id-pool.js';

/**
 * One resource behind each id route whose create body has rules across fields that schema-generated bodies rarely
 * meet, so that fuzzed updates, tests, downloads and deletes reach more than their 404. The model is the 4-8-2 MLP:
 * the benchmarks and auto-optimise jobs that fuzzed requests queue on it take seconds.
 */
const SEEDS: Array<{ collection: string; send: (test: request.Test) => request.Test }> = [
  {
    collection: '/v1/models',
    send: (test) => test.query({ name: 'fuzz-mlp.onnx' }).set('Content-Type', 'application/octet-stream').send(encodeOnnx(buildMlpModel({ widths: [4, 8, 2] }))),
  },
  {
    collection: '/v1/monitoring/alert-rules',
    send: (test) => test.send({ name: 'FuzzErrorRate', signal: 'http.error_rate', comparator: '>', threshold: 0.05, forMs: 60_000 }),
  },
  {
    collection: '/v1/monitoring/silences',
    send: (test) => test.send({ matchers: [{ name: 'alertname', value: 'FuzzErrorRate' }], endsAt: new Date(Date.now() + 3_600_000).toISOString(), comment: 'fuzz' }),
  },
];

/** Creates the seed resources with `headers` (a caller allowed to) and puts their ids in the pool. */
export async function seedResources(app: INestApplication, headers: Record<string, string>, ids: IdPool): Promise<void> {
  for (const { collection, send } of SEEDS) {
    const response = await send(request(app.getHttpServer()).post(collection).set(headers));
    if (response.status !== 201) {
      throw new Error(`seeding ${collection} answered ${response.status}: ${response.text}`);
    }
    ids.harvest(collection, response.text);
  }
}
