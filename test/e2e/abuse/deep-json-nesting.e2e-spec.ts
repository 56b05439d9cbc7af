import { MAX_JSON_DEPTH } from '@app/common';
import type request from 'supertest';

import { Scope } from '../../../src/modules/security/index.js';
import { FixturesController } from '../../support/fixtures.controller.js';
import { ThreatFixturesController } from '../../support/threat-fixtures.controller.js';
import { startAbuseApp, type AbuseApp } from '../../support/abuse/abuse-app.js';
import { expectProblem } from '../../support/abuse/problem.js';
import { bearer, issueApiKey } from '../../support/principals.js';

const deepArrays = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObjects = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
/** 100,000 is the headline attack; 2,000 is small enough to pass a recursive parser and overflow what follows it. */
const DEPTHS = [MAX_JSON_DEPTH + 1, 2_000, 100_000];

/**
 * Abuse case: JSON nested far deeper than any API body, small in bytes, to overflow a recursive parser, validator
 * or inspector. Before the fix, 100,000 levels overflowed the reviver (a 400 saying "Maximum call stack size
 * exceeded") and 2,000 levels of arrays overflowed the inspect API's validation (a 500). Now any body nested deeper
 * than MAX_JSON_DEPTH is refused before parsing with a 400 problem saying so, on every route.
 */
describe('abuse: huge JSON nesting depth', () => {
  let target: AbuseApp;
  let inspector: Record<string, string>;

  beforeAll(async () => {
    target = await startAbuseApp({ RATE_LIMIT_ANONYMOUS: '100000' }, [FixturesController, ThreatFixturesController]);
    inspector = bearer(await issueApiKey(target.app, { scopes: [Scope.THREAT_INSPECT] }));
  });

  afterAll(() => target.close());

  const postJson = (path: string, body: string, headers: Record<string, string> = {}): request.Test =>
    target.http().post(path).set(headers).set('Content-Type', 'application/json').send(body);

  /** A validated DTO route, an inspected route, and the inspect API (threat policy off, `body` taken as is). */
  const routes = (body: string): Array<[string, request.Test]> => [
    ['/fixtures/echo', postJson('/fixtures/echo', body)],
    ['/threat-fixtures/default', postJson('/threat-fixtures/default', body)],
    ['/v1/threat/inspect', postJson('/v1/threat/inspect', `{"body":${body}}`, inspector)],
  ];

  it('accepts nesting up to the limit (the legitimate form)', async () => {
    const response = await postJson('/v1/threat/inspect', `{"body":${deepArrays(MAX_JSON_DEPTH - 1)}}`, inspector);
    expect(response.status).toBe(200);
    expect((await postJson('/threat-fixtures/default', JSON.stringify({ a: { b: [1, [2, [3]]] } }))).status).toBe(200);
  });

  it.each(DEPTHS.flatMap((depth) => [['arrays', depth, deepArrays(depth)] as const, ['objects', depth, deepObjects(depth)] as const]))(
    'refuses %s nested %i deep with 400 COMMON.MALFORMED_BODY on every kind of route',
    async (_kind, _depth, body) => {
      for (const [path, call] of routes(body)) {
        const response = await call;
        expect([path, response.status]).toEqual([path, 400]);
        expectProblem(response, 400, 'COMMON.MALFORMED_BODY');
        expect(response.body.detail).toBe(`The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
      }
    },
  );

  it('keeps serving after the attempts', async () => {
    expect((await target.http().get('/health/live')).status).toBe(200);
  });
});
