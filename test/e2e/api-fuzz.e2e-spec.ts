import { readEnvironment } from '@app/config';
import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import request from 'supertest';

import { bootApp } from '../support/app.js';
import { IdPool } from '../support/fuzz/id-pool.js';
import { createFuzzPrincipals, PRINCIPAL_NAMES, type FuzzPrincipal, type PrincipalName } from '../support/fuzz/fuzz-principals.js';
import { listOperations, operationName, type OpenApiDocument, type Operation } from '../support/fuzz/openapi-operations.js';
import { requestFor } from '../support/fuzz/request-arbitrary.js';
import { responseViolations } from '../support/fuzz/response-checks.js';
import { seedResources } from '../support/fuzz/seed-resources.js';
import { closeRawAgent, sendRaw } from '../support/fuzz/send-raw.js';

/**
 * fast-check's report names the seed and path of a failure: FUZZ_SEED re-runs with that seed, FUZZ_ONLY (part of
 * an operation's name, `POST /v1/models`) with FUZZ_PATH replays that one case; FUZZ_RUNS widens the search.
 */
const { FUZZ_SEED, FUZZ_RUNS, FUZZ_ONLY, FUZZ_PATH } = readEnvironment();
const SEED = Number(FUZZ_SEED ?? 20_261_123);
const RUNS = Number(FUZZ_RUNS ?? 25);

/**
 * Operations given fewer runs because each call takes its time: the profile samples the CPU for up to
 * MONITORING_PROFILE_MAX_SECONDS (1 s here). No operation is left out entirely: none shuts the app down (shutdown
 * is SIGTERM only); the event streams (monitoring, job and tuning-run events) are sent like any other, their bodies
 * cut after the headers; benchmarks and auto-optimise jobs that a valid request queues run on the tiny seeded
 * model (see seed-resources.ts), which takes seconds, not minutes.
 */
const SLOW_OPERATIONS: Record<string, number> = { 'POST /v1/monitoring/profile': 2 };

/** A CPU profile (.cpuprofile) names the script of every frame, node_modules included: that is what it is for. */
const SOURCE_PATHS_BY_DESIGN = new Set(['POST /v1/monitoring/profile']);

describe('API fuzzer: every OpenAPI operation with every kind of caller', () => {
  let app: INestApplication;
  let db: TestDatabase;
  let origin: URL;
  let operations: Operation[];
  let principals: Record<PrincipalName, FuzzPrincipal>;
  const ids = new IdPool();

  beforeAll(async () => {
    db = await testDatabase();
    // A run must not end itself: no automatic blocks of 127.0.0.1 for its injections and failed logins, and the
    // limiter counts but never refuses (its 429s would hide what the routes behind it do).
    app = await bootApp({
      DATABASE_URL: db.url,
      AUTO_BLOCK_THREAT_THRESHOLD: '0',
      AUTO_BLOCK_LOGIN_FAILURE_THRESHOLD: '0',
      RATE_LIMIT_SHADOW: 'true',
      MONITORING_PROFILE_MAX_SECONDS: '1',
    });
    origin = new URL(await app.getUrl());
    const document = (await request(app.getHttpServer()).get('/openapi.json')).body as OpenApiDocument;
    // Deletes last, so the resources that earlier requests created are there for the routes that use them.
    operations = listOperations(document).sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    principals = await createFuzzPrincipals(app);
    // The run's own keys and users are never the target of a delete or a rotation.
    for (const list of ['/v1/api-keys', '/v1/users']) {
      ids.protect(list, JSON.stringify((await request(app.getHttpServer()).get(`${list}?limit=100`).set(principals['an API key with every scope'].headers)).body));
    }
    await seedResources(app, principals['an API key with every scope'].headers, ids);
  }, 60_000);

  afterAll(async () => {
    closeRawAgent();
    await app.close();
    await db.drop();
  });

  it('reads the operations of every module from /openapi.json', () => {
    const names = operations.map(operationName);
    expect(names).toEqual(
      expect.arrayContaining(['POST /v1/users', 'PUT /v1/cache/entries/{namespace}/{key}', 'POST /v1/assets', 'POST /v1/models', 'GET /v1/monitoring/stream', 'POST /v1/threat/inspect', 'GET /health/ready']),
    );
    expect([...Object.keys(SLOW_OPERATIONS), ...SOURCE_PATHS_BY_DESIGN].filter((name) => !names.includes(name))).toEqual([]);
  });

  it.each(PRINCIPAL_NAMES)(
    'as %s: no fuzzed request gets a 5xx, a 4xx without problem+json, a stack trace or a repeated secret',
    async (principalName) => {
      const principal = principals[principalName];
      const failures: string[] = [];
      for (const operation of operations.filter((op) => !FUZZ_ONLY || operationName(op).includes(FUZZ_ONLY))) {
        const property = fc.asyncProperty(requestFor(operation, ids), async (fuzzed) => {
          const response = await sendRaw(origin, { ...fuzzed, headers: { ...fuzzed.headers, ...principal.headers } });
          ids.harvest(operation.template, response.body);
          const violations = responseViolations(response, [...principal.secrets, ...fuzzed.secrets], SOURCE_PATHS_BY_DESIGN.has(operationName(operation)));
          if (violations.length > 0) {
            throw new Error(violations.join('\n'));
          }
        });
        const details = await fc.check(property, { seed: SEED, path: FUZZ_PATH, numRuns: SLOW_OPERATIONS[operationName(operation)] ?? RUNS, endOnFailure: true, includeErrorInReport: true });
        if (details.failed) {
          failures.push(`${operationName(operation)} as ${principal.name}: ${fc.defaultReportMessage(details) ?? ''}`);
        }
      }
      expect(failures).toEqual([]);
    },
    150_000,
  );

  it('still answers after the run', async () => {
    expect((await request(app.getHttpServer()).get('/health/live')).status).toBe(200);
  });
});
