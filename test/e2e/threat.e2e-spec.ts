import { testDatabase, testRedisUrl, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { Agent } from 'node:http';
import request from 'supertest';

import { Scope } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { bearer, issueAdminKey, issueApiKey } from '../support/principals.js';
import { ThreatFixturesController } from '../support/threat-fixtures.controller.js';
import { waitFor } from '../support/wait-for.js';

const SQLI = "1' OR '1'='1' --";
const FORGED_CURSOR = Buffer.from('{"sequence":"1 OR 1=1"}').toString('base64url');
const XSS = '<script>alert(document.cookie)</script>';
const AUTO_BLOCK_THRESHOLD = 3;

interface StoredEvent {
  id: string;
  ip: string;
  route: string;
  action: string;
  classes: string[];
  count: number;
  score: number;
  matches: Array<{ ruleId: string; location: string; fragment: string }>;
}

function expectBlocked(response: request.Response, payload: string): string {
  expect(response.status).toBe(403);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.body).toMatchObject({ status: 403, code: 'THREAT.REQUEST_BLOCKED', eventId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  const eventId = response.body.eventId as string;
  expect(response.body.instance).toBe(`urn:bulwark:threat-event:${eventId}`);
  expect(response.body.detail).toContain(eventId);
  // Never the payload, in any spelling, anywhere in the response.
  expect(response.text).not.toContain(payload);
  expect(response.text).not.toContain(encodeURIComponent(payload));
  expect(response.text).not.toMatch(/script|OR '1'/i);
  expect(response.headers['x-request-id']).toBeDefined();
  return eventId;
}

/** A loopback address of this run's own, so detections from it are counted apart from the test's own calls. */
function freshLoopback(): string {
  return `127.${randomInt(1, 200)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

describe('Threat guard, events and inspect API', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let admin: Record<string, string>;
  const agents: Agent[] = [];

  const http = (): ReturnType<typeof request> => request(app.getHttpServer());

  async function storedEvent(id: string): Promise<StoredEvent> {
    let found: request.Response | undefined;
    await waitFor(async () => {
      found = await http().get(`/v1/threat/events/${id}`).set(admin);
      return found.status === 200;
    }, `threat event ${id} to be written`);
    return found!.body as StoredEvent;
  }

  async function metric(series: string): Promise<number> {
    const text = (await http().get('/metrics')).text;
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
    return line === undefined ? 0 : Number(line.slice(series.length + 1));
  }

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp(
      {
        DATABASE_URL: db.url,
        REDIS_URL: testRedisUrl(),
        RATE_LIMIT_ANONYMOUS: '100000',
        AUTO_BLOCK_THREAT_THRESHOLD: String(AUTO_BLOCK_THRESHOLD),
        // The test's own calls come from 127.0.0.1; only the fresh addresses below may be blocked.
        AUTO_BLOCK_ALLOWLIST: '127.0.0.1/32',
        THREAT_MAX_DEPTH: '8',
      },
      [ThreatFixturesController],
    );
    admin = bearer(await issueAdminKey(app));
  });

  afterAll(async () => {
    agents.forEach((agent) => agent.destroy());
    await app.close();
    await db.drop();
  });

  describe('in block mode (the default)', () => {
    it('lets ordinary requests through, apostrophes and prose included', async () => {
      const query = { q: "Mary O'Brien", sort: '-createdAt', note: 'select the best option, or none', email: 'jane.doe@example.com' };
      expect((await http().get('/threat-fixtures/default').query(query)).status).toBe(200);
      const body = { title: 'Drop-down menus & <b>bold</b> claims', tags: ['a', 'b'], nested: { text: 'cat and dog' } };
      expect((await http().post('/threat-fixtures/default').send(body)).body).toEqual({ received: body });
    });

    it.each([
      ['a query value', (): request.Test => http().get('/threat-fixtures/default').query({ q: SQLI }), SQLI],
      ['a query name', (): request.Test => http().get(`/threat-fixtures/default?${encodeURIComponent(XSS)}=1`), XSS],
      ['a path parameter', (): request.Test => http().get(`/threat-fixtures/items/${encodeURIComponent('../../../../etc/passwd')}`), '../../../../etc/passwd'],
      ['a JSON body value', (): request.Test => http().post('/threat-fixtures/default').send({ user: { bio: XSS } }), XSS],
      ['a JSON body key', (): request.Test => http().post('/threat-fixtures/default').send({ user: { [XSS]: 'x' } }), XSS],
      ['a form field', (): request.Test => http().post('/threat-fixtures/default').type('form').send(`comment=${encodeURIComponent(SQLI)}`), SQLI],
      ['a cookie', (): request.Test => http().get('/threat-fixtures/default').set('Cookie', `session=abc; pref=${encodeURIComponent(SQLI)}`), SQLI],
      ['the User-Agent', (): request.Test => http().get('/threat-fixtures/default').set('User-Agent', '() { :; }; /bin/bash -c "cat /etc/passwd"'), 'cat /etc/passwd'],
      ['the Referer', (): request.Test => http().get('/threat-fixtures/default').set('Referer', `https://example.com/?q=${XSS}`), XSS],
      // A forged pagination cursor: base64url of JSON whose position is SQL. The engine reads the text a base64 token encodes.
      ['a base64 query value', (): request.Test => http().get('/threat-fixtures/default').query({ cursor: FORGED_CURSOR }), FORGED_CURSOR],
      // Sent once encoded, the overlong slashes reach the app as U+FFFD pairs: the payload as the attacker wrote it.
      ['a query value of invalid UTF-8', (): request.Test => http().get('/threat-fixtures/default?f=..%c0%af..%c0%af..%c0%afetc%c0%afpasswd'), '%c0%af'],
    ])('refuses an attack in %s with 403 naming the event, never echoing the payload', async (_where, send, payload) => {
      expectBlocked(await send(), payload);
    });

    it('records the event with where and what matched, folds repeats into one row, audits it once, and counts it', async () => {
      const before = await metric('bulwark_threat_detections_total{class="sqli",action="blocked"}');
      const path = `/threat-fixtures/items/${encodeURIComponent("7' UNION SELECT password FROM users--")}`;
      const first = expectBlocked(await http().get(path), "UNION SELECT");
      const second = expectBlocked(await http().get(path), "UNION SELECT");
      expect(second).toBe(first);

      const event = await storedEvent(first);
      expect(event).toMatchObject({ id: first, ip: '127.0.0.1', route: '/threat-fixtures/items/:id', action: 'blocked', classes: ['sqli'] });
      expect(event.score).toBeGreaterThanOrEqual(5);
      expect(event.matches[0]).toMatchObject({ ruleId: expect.stringMatching(/^sqli-\d{3}$/), location: 'param.id' });
      expect(event.matches.every((match) => match.fragment.length <= 64)).toBe(true);
      await waitFor(async () => (await http().get(`/v1/threat/events/${first}`).set(admin)).body.count === 2, 'the repeat to be folded in');

      await waitFor(async () => {
        const audit = await http().get('/v1/audit/events').query({ action: 'threat.blocked' }).set(admin);
        const records = (audit.body as { items: Array<{ metadata: { eventId?: string } }> }).items.filter((item) => item.metadata.eventId === first);
        return records.length === 1;
      }, 'one audit record for the event');
      expect(await metric('bulwark_threat_detections_total{class="sqli",action="blocked"}')).toBe(before + 2);
    });

    it('lists events newest first with a cursor, filtered by class', async () => {
      // Three routes, so three events rather than one folded row.
      const img = '<img src=x onerror=alert(1)>';
      expectBlocked(await http().get('/threat-fixtures/default').query({ q: img }), img);
      expectBlocked(await http().get(`/threat-fixtures/items/${encodeURIComponent(img)}`), img);
      expectBlocked(await http().post('/threat-fixtures/default').send({ q: img }), img);
      await waitFor(async () => ((await http().get('/v1/threat/events').query({ class: 'xss' }).set(admin)).body.items as unknown[]).length >= 3, 'xss events');
      const page1 = await http().get('/v1/threat/events').query({ class: 'xss', limit: 1 }).set(admin);
      expect(page1.status).toBe(200);
      expect(page1.body.items).toHaveLength(1);
      expect(page1.body.nextCursor).toEqual(expect.any(String));
      const page2 = await http().get('/v1/threat/events').query({ class: 'xss', limit: 1, cursor: page1.body.nextCursor as string }).set(admin);
      expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);
      expect((page1.body.items as StoredEvent[]).every((event) => event.classes.includes('xss'))).toBe(true);
      expect((await http().get('/v1/threat/events').query({ cursor: 'bogus' }).set(admin)).status).toBe(400);
      expect((await http().get('/v1/threat/events')).status).toBe(401);
    });

    it('blocks an address automatically after repeated blocked attacks', async () => {
      const attacker = freshLoopback();
      const agent = new Agent({ localAddress: attacker });
      agents.push(agent);
      for (let i = 0; i < AUTO_BLOCK_THRESHOLD; i += 1) {
        expectBlocked(await http().get('/threat-fixtures/default').agent(agent).query({ q: SQLI }), SQLI);
      }
      await waitFor(async () => (await http().get('/threat-fixtures/default').agent(agent)).body.code === 'SECURITY.IP_BLOCKED', 'the automatic block');
    });

    it('leaves excluded fields alone but still inspects the rest of the request', async () => {
      const password = "p4ss' OR 1=1 --<script>";
      expect((await http().post('/threat-fixtures/sign-in').send({ login: 'jane', password })).status).toBe(200);
      expectBlocked(await http().post('/threat-fixtures/sign-in').send({ login: SQLI, password }), SQLI);
    });

    it('refuses, uninspected, a body nested beyond THREAT_MAX_DEPTH, naming the cap', async () => {
      let deep: unknown = 'leaf';
      for (let i = 0; i < 12; i += 1) {
        deep = { level: deep };
      }
      const response = await http().post('/threat-fixtures/default').send(deep as object);
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ code: 'THREAT.UNINSPECTABLE', capsExceeded: ['depth'] });
    });
  });

  describe('other policies', () => {
    it('detect mode lets the attack through, records it as detected and never auto-blocks for it', async () => {
      const attacker = freshLoopback();
      const agent = new Agent({ localAddress: attacker });
      agents.push(agent);
      for (let i = 0; i < AUTO_BLOCK_THRESHOLD + 1; i += 1) {
        expect((await http().get('/threat-fixtures/detect').agent(agent).query({ q: SQLI })).status).toBe(200);
      }
      await waitFor(async () => {
        const events = await http().get('/v1/threat/events').query({ ip: attacker, action: 'detected' }).set(admin);
        return (events.body.items as StoredEvent[]).some((event) => event.count === AUTO_BLOCK_THRESHOLD + 1 && event.route === '/threat-fixtures/detect');
      }, 'the detected event with every repeat folded in');
      expect((await http().get('/threat-fixtures/default').agent(agent)).status).toBe(200);
    });

    it('off skips inspection', async () => {
      expect((await http().get('/threat-fixtures/off').query({ q: SQLI })).status).toBe(200);
    });

    it('runs after authentication: an anonymous attack on a protected route is a 401, not a threat event', async () => {
      const response = await http().get('/v1/threat/events').query({ ip: SQLI });
      expect(response.status).toBe(401);
    });
  });

  describe('POST /v1/threat/inspect', () => {
    let inspector: Record<string, string>;

    beforeAll(async () => {
      inspector = bearer(await issueApiKey(app, { scopes: [Scope.THREAT_INSPECT] }));
    });

    it('scores loose values with located, truncated matches, and records nothing', async () => {
      const long = `' UNION SELECT ${'a,'.repeat(100)}password FROM users--`;
      const response = await http().post('/v1/threat/inspect').set(inspector).send({ values: ['hello', long, XSS] });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ verdict: 'malicious', threshold: 5, paranoia: 1, capsExceeded: [] });
      expect(response.body.score).toBeGreaterThanOrEqual(10);
      const matches = response.body.matches as Array<{ class: string; location: string; fragment: string }>;
      expect(matches.some((match) => match.class === 'sqli' && match.location === 'values[1]')).toBe(true);
      expect(matches.some((match) => match.class === 'xss' && match.location === 'values[2]')).toBe(true);
      expect(matches.every((match) => match.fragment.length <= 64 && match.location !== 'values[0]')).toBe(true);
    });

    it('scores the parts of a request, reports caps, and honours a per-call paranoia', async () => {
      const clean = await http().post('/v1/threat/inspect').set(inspector).send({ query: { q: 'shoes' }, body: { name: "O'Brien" }, headers: { 'user-agent': 'curl/8.5' } });
      expect(clean.body).toMatchObject({ score: 0, verdict: 'clean', matches: [] });
      const attack = await http().post('/v1/threat/inspect').set(inspector).send({ body: { items: [{ note: SQLI }] }, paranoia: 2 });
      expect(attack.body).toMatchObject({ verdict: 'malicious', paranoia: 2 });
      expect((attack.body.matches as Array<{ location: string }>)[0]!.location).toBe('body.items[0].note');
      let deep: unknown = 'x';
      for (let i = 0; i < 12; i += 1) {
        deep = [deep];
      }
      const capped = await http().post('/v1/threat/inspect').set(inspector).send({ body: deep });
      expect(capped.body.capsExceeded).toEqual([expect.stringMatching(/^depth:body(\[0\])+$/)]);
    });

    it('answers bad input with 400 problem+json and callers without the scope with 403', async () => {
      for (const body of [{}, { values: ['a'], query: { q: 'b' } }, { values: 'not-an-array' }, { values: ['a'], paranoia: 5 }, { values: ['a'], extra: 1 }]) {
        const response = await http().post('/v1/threat/inspect').set(inspector).send(body);
        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
      }
      const other = bearer(await issueApiKey(app, { scopes: [Scope.AUDIT_READ] }));
      expect((await http().post('/v1/threat/inspect').set(other).send({ values: ['a'] })).status).toBe(403);
      expect((await http().post('/v1/threat/inspect').send({ values: ['a'] })).status).toBe(401);
    });
  });
});
