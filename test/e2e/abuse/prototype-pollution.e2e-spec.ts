import type request from 'supertest';

import { FixturesController } from '../../support/fixtures.controller.js';
import { ThreatFixturesController } from '../../support/threat-fixtures.controller.js';
import { startAbuseApp, type AbuseApp } from '../../support/abuse/abuse-app.js';
import { expectProblem } from '../../support/abuse/problem.js';

const validBody = { title: 'hello', count: 3, owner: { name: 'ada' } };

/** Whatever a polluting payload would have added to every object. */
function expectPrototypeClean(): void {
  const probe: Record<string, unknown> = {};
  expect(probe['polluted']).toBeUndefined();
  expect(probe['isAdmin']).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
}

/**
 * Abuse case: `__proto__` and `constructor.prototype` in JSON bodies (and nested query or form keys) aimed at
 * Object.prototype. Bodies carrying them are refused with 400 before any code sees them; the prototype is
 * unchanged afterwards.
 */
describe('abuse: prototype pollution through request bodies', () => {
  let target: AbuseApp;

  beforeAll(async () => {
    target = await startAbuseApp({ RATE_LIMIT_ANONYMOUS: '100000', THREAT_MODE: 'off' }, [FixturesController, ThreatFixturesController]);
  });

  afterAll(() => target.close());

  afterEach(() => {
    expectPrototypeClean();
  });

  const postJson = (body: string): request.Test => target.http().post('/fixtures/echo').set('Content-Type', 'application/json').send(body);

  it('accepts an ordinary body (the legitimate form)', async () => {
    const response = await target.http().post('/fixtures/echo').send(validBody);
    expect(response.status).toBe(201);
    expect(response.body).toEqual(validBody);
  });

  it.each([
    ['top-level __proto__', '{"__proto__": {"polluted": true}, "title": "x", "count": 1, "owner": {"name": "a"}}'],
    ['nested __proto__', '{"title": "x", "count": 1, "owner": {"name": "a", "__proto__": {"isAdmin": true}}}'],
    ['__proto__ inside an array', '[{"__proto__": {"polluted": true}}]'],
    ['constructor.prototype', '{"constructor": {"prototype": {"polluted": true}}, "title": "x", "count": 1, "owner": {"name": "a"}}'],
    ['an escaped __proto__ key', '{"\\u005f_proto__": {"polluted": true}}'],
  ])('refuses %s with 400 COMMON.MALFORMED_BODY', async (_name, body) => {
    const response = await postJson(body);
    expectProblem(response, 400, 'COMMON.MALFORMED_BODY');
  });

  it('keeps query and form keys flat, so __proto__[x] names a plain key and pollutes nothing', async () => {
    const query = await target.http().get('/fixtures/slow?ms=0&__proto__[polluted]=1&constructor[prototype][isAdmin]=1');
    expectProblem(query, 400, 'COMMON.VALIDATION_FAILED');
    expect((query.body.errors as Array<{ field: string }>).map((error) => error.field)).toEqual(['__proto__[polluted]', 'constructor[prototype][isAdmin]']);
    const form = await target.http().post('/threat-fixtures/default').type('form').send('__proto__[polluted]=1&constructor[prototype][isAdmin]=1');
    expect(form.status).toBe(200);
    expect(form.text).toBe('{"received":{"__proto__[polluted]":"1","constructor[prototype][isAdmin]":"1"}}');
  });
});
