import { testDatabase, testRedisUrl, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { randomInt } from 'node:crypto';
import { Agent } from 'node:http';
import request from 'supertest';

import { IpBlockList, SecurityEvents, Scope, type ThreatDetectedEvent } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { FixturesController } from '../support/fixtures.controller.js';
import { bearer, issueAdminKey, issueApiKey } from '../support/principals.js';
import { waitFor } from '../support/wait-for.js';

const THRESHOLD = 4;
const BLOCKS = '/v1/security/ip-blocks';
/** Never auto-blocked on these instances; attackers are drawn from the rest of 127/8. */
const ALLOWLISTED_RANGE = '127.200.0.0/16';

/**
 * A loopback address of this run's own (Linux routes all of 127/8 to lo), so a client can come from an address
 * that may be blocked while the test's admin calls keep coming from 127.0.0.1, and reruns never share counts.
 */
function freshLoopback(second = randomInt(1, 200)): string {
  return `127.${second}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

interface ListedBlock {
  id: string;
  cidr: string;
  expiresAt: string;
  createdBy: string;
}

/** The items of a list response. */
const itemsOf = (response: request.Response): ListedBlock[] => (response.body as { items: ListedBlock[] }).items;

function expectBlocked(response: request.Response): void {
  expect(response.status).toBe(403);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.body).toMatchObject({ status: 403, code: 'SECURITY.IP_BLOCKED' });
  expect(response.body.detail).not.toMatch(/reason|cidr/i);
  expect(response.headers['x-request-id']).toBeDefined();
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  expect(response.headers['strict-transport-security']).toBeDefined();
}

describe('IP blocking', () => {
  let db: TestDatabase;
  let a: INestApplication;
  let b: INestApplication;
  let admin: Record<string, string>;
  const agents: Agent[] = [];

  /** A request to `app` coming from `ip`, optionally claiming to forward for `forwardedFor`. */
  function from(app: INestApplication, ip: string, forwardedFor?: string): { get: (path: string) => request.Test } {
    const agent = new Agent({ localAddress: ip });
    agents.push(agent);
    const headers: Record<string, string> = forwardedFor === undefined ? {} : { 'X-Forwarded-For': forwardedFor };
    return { get: (path) => request(app.getHttpServer()).get(path).agent(agent).set(headers) };
  }

  function block(cidr: string): request.Test {
    return request(a.getHttpServer()).post(BLOCKS).set(admin).send({ cidr, reason: 'e2e' });
  }

  beforeAll(async () => {
    db = await testDatabase();
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: testRedisUrl(),
      AUTO_BLOCK_THREAT_THRESHOLD: String(THRESHOLD),
      AUTO_BLOCK_ALLOWLIST: ALLOWLISTED_RANGE,
      // Pub/sub alone must carry changes between the two instances within the test.
      IP_BLOCK_REFRESH_MS: '3600000',
      RATE_LIMIT_ANONYMOUS: '100000',
    };
    a = await bootApp(env, [FixturesController]);
    // B sits behind a proxy at 127.0.0.1; every other peer is an untrusted client.
    b = await bootApp({ ...env, TRUST_PROXY: '127.0.0.1' }, [FixturesController]);
    admin = bearer(await issueAdminKey(a));
  });

  afterAll(async () => {
    agents.forEach((agent) => agent.destroy());
    await Promise.all([a.close(), b.close()]);
    await db.drop();
  });

  describe('a manual block', () => {
    it('refuses the client on every instance with 403 problem+json before authentication, spares the probes, and lifts on DELETE everywhere', async () => {
      const attacker = freshLoopback();
      expect((await from(a, attacker).get('/fixtures/slow?ms=0')).status).toBe(200);

      const created = await block(attacker);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ cidr: `${attacker}/32`, source: 'manual', active: true, expiresAt: null, createdBy: expect.stringMatching(/^key:/) });

      expectBlocked(await from(a, attacker).get('/fixtures/slow?ms=0'));
      // Anonymous on a guarded route: 403 (blocked), not 401, so the block runs before authentication.
      expectBlocked(await from(a, attacker).get(BLOCKS));
      expect((await from(a, attacker).get('/health/live')).status).toBe(200);
      expect((await from(a, attacker).get('/health/ready')).status).toBe(200);
      expect((await from(a, attacker).get('/health/startup')).status).toBe(200);
      expect((await from(a, '127.0.0.1').get('/fixtures/slow?ms=0')).status).toBe(200);

      await waitFor(() => b.get(IpBlockList).isBlocked(attacker), 'instance B to learn the block');
      expectBlocked(await from(b, attacker).get('/fixtures/slow?ms=0'));
      expect((await from(b, attacker).get('/health/live')).status).toBe(200);

      expect((await request(a.getHttpServer()).delete(`${BLOCKS}/${created.body.id as string}`).set(admin)).status).toBe(204);
      expect((await from(a, attacker).get('/fixtures/slow?ms=0')).status).toBe(200);
      await waitFor(() => !b.get(IpBlockList).isBlocked(attacker), 'instance B to learn the removal');
      expect((await from(b, attacker).get('/fixtures/slow?ms=0')).status).toBe(200);
    });

    it('blocks a whole range given as a CIDR with host bits, stored as its network', async () => {
      const attacker = freshLoopback();
      const [first, second, third] = attacker.split('.');
      const created = await block(`${first}.${second}.${third}.77/24`);
      expect(created.status).toBe(201);
      expect(created.body.cidr).toBe(`${first}.${second}.${third}.0/24`);
      expectBlocked(await from(a, attacker).get('/fixtures/slow?ms=0'));
      await request(a.getHttpServer()).delete(`${BLOCKS}/${created.body.id as string}`).set(admin).expect(204);
    });
  });

  describe('audit log', () => {
    it('records the creation and the deletion of a block with who did it', async () => {
      const created = await block(freshLoopback()).expect(201);
      const id = (created.body as ListedBlock).id;
      await request(a.getHttpServer()).delete(`${BLOCKS}/${id}`).set(admin).expect(204);

      const audited = async (action: string): Promise<Record<string, unknown> | undefined> => {
        const page = await request(a.getHttpServer()).get(`/v1/audit/events?action=${action}&limit=200`).set(admin);
        return (page.body as { items?: Array<Record<string, unknown>> }).items?.find((event) => event['targetId'] === id);
      };
      await waitFor(async () => (await audited('ip_block.deleted')) !== undefined, 'the deletion to reach the audit log');
      expect(await audited('ip_block.created')).toMatchObject({ actorType: 'api-key', targetType: 'ip_block', ip: '127.0.0.1' });
      expect(await audited('ip_block.deleted')).toMatchObject({ actorType: 'api-key', outcome: 'success' });
    });
  });

  describe('X-Forwarded-For', () => {
    it('decides on the forwarded client behind a trusted proxy, and cannot be spoofed by anyone else', async () => {
      const attacker = freshLoopback();
      const bystander = freshLoopback();
      const created = await block(attacker).expect(201);
      await waitFor(() => b.get(IpBlockList).isBlocked(attacker), 'instance B to learn the block');

      expectBlocked(await from(b, '127.0.0.1', attacker).get('/fixtures/slow?ms=0'));
      expect((await from(b, '127.0.0.1', bystander).get('/fixtures/slow?ms=0')).status).toBe(200);
      // From untrusted peers the header is ignored: it neither frees the attacker nor frames the bystander.
      expectBlocked(await from(b, attacker, bystander).get('/fixtures/slow?ms=0'));
      expect((await from(b, bystander, attacker).get('/fixtures/slow?ms=0')).status).toBe(200);
      // A trusts no proxy: the header is ignored even from 127.0.0.1.
      expect((await from(a, '127.0.0.1', attacker).get('/fixtures/slow?ms=0')).status).toBe(200);
      await request(a.getHttpServer()).delete(`${BLOCKS}/${(created.body as ListedBlock).id}`).set(admin).expect(204);
    });
  });

  describe('GET /metrics', () => {
    it('counts refused requests and the blocks held', async () => {
      const metricValue = async (name: string): Promise<number> => {
        const text = (await request(a.getHttpServer()).get('/metrics').expect(200)).text;
        const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
        return Number(line?.split(' ')[1] ?? Number.NaN);
      };
      const attacker = freshLoopback();
      const created = await block(attacker).expect(201);
      const before = await metricValue('bulwark_security_ip_blocks_rejected_requests_total');
      expectBlocked(await from(a, attacker).get('/fixtures/slow?ms=0'));
      expect(await metricValue('bulwark_security_ip_blocks_rejected_requests_total')).toBe(before + 1);
      expect(await metricValue('bulwark_security_ip_blocks_loaded_entries')).toBeGreaterThanOrEqual(1);
      await request(a.getHttpServer()).delete(`${BLOCKS}/${(created.body as ListedBlock).id}`).set(admin).expect(204);
    });
  });

  describe(`POST ${BLOCKS}`, () => {
    it.each(['not-an-ip', '10.0.0.0/33', '2001:db8::/129', '10.1', '10.0.0.0/8/8', 'fe80::1%eth0', '010.0.0.1', '', '10.0.0.0/-1'])(
      'answers 400 SECURITY.INVALID_CIDR for %j',
      async (cidr) => {
        const response = await block(cidr);
        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.body).toMatchObject({ code: 'SECURITY.INVALID_CIDR', errors: [{ field: 'cidr' }] });
      },
    );

    it('answers 400 COMMON.VALIDATION_FAILED for a non-string CIDR, a missing reason, unknown fields and a past expiry', async () => {
      const post = (body: object): request.Test => request(a.getHttpServer()).post(BLOCKS).set(admin).send(body);
      for (const body of [
        { cidr: 42, reason: 'x' },
        { cidr: '192.0.2.1' },
        { cidr: '192.0.2.1', reason: 'x', source: 'auto' },
        { cidr: '192.0.2.1', reason: 'x', expiresAt: 'tomorrow' },
        { cidr: '192.0.2.1', reason: 'x', expiresAt: '2001-01-01T00:00:00Z' },
      ]) {
        const response = await post(body);
        expect(response.status).toBe(400);
        expect(response.body.code).toBe('COMMON.VALIDATION_FAILED');
      }
    });

    it('normalises a bare IPv6 address to its /128 and keeps a future expiry', async () => {
      const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
      const response = await request(a.getHttpServer()).post(BLOCKS).set(admin).send({ cidr: '2001:DB8:0::1', reason: 'v6', expiresAt });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ cidr: '2001:db8::1/128', expiresAt, active: true });
    });

    it('refuses callers without security:admin', async () => {
      expect((await request(a.getHttpServer()).post(BLOCKS).send({ cidr: '192.0.2.1', reason: 'x' })).status).toBe(401);
      const viewer = bearer(await issueApiKey(a, { scopes: [Scope.AUDIT_READ] }));
      const response = await request(a.getHttpServer()).post(BLOCKS).set(viewer).send({ cidr: '192.0.2.1', reason: 'x' });
      expect(response.status).toBe(403);
      expect(response.body.code).not.toBe('SECURITY.IP_BLOCKED');
    });
  });

  describe(`GET ${BLOCKS}`, () => {
    it('reads one block, lists with filters, and answers 404 once it is deleted', async () => {
      const created = (await block('198.51.100.0/25')).body as { id: string };
      const one = await request(a.getHttpServer()).get(`${BLOCKS}/${created.id}`).set(admin);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: created.id, cidr: '198.51.100.0/25', source: 'manual' });

      const manual = await request(a.getHttpServer()).get(`${BLOCKS}?source=manual&active=true&limit=200`).set(admin);
      expect(manual.status).toBe(200);
      expect(itemsOf(manual).map((item) => item.id)).toContain(created.id);
      const auto = await request(a.getHttpServer()).get(`${BLOCKS}?source=auto`).set(admin);
      expect(itemsOf(auto).map((item) => item.id)).not.toContain(created.id);
      const expired = await request(a.getHttpServer()).get(`${BLOCKS}?active=false`).set(admin);
      expect(itemsOf(expired).map((item) => item.id)).not.toContain(created.id);

      await request(a.getHttpServer()).delete(`${BLOCKS}/${created.id}`).set(admin).expect(204);
      const gone = await request(a.getHttpServer()).get(`${BLOCKS}/${created.id}`).set(admin);
      expect(gone.status).toBe(404);
      expect(gone.body.code).toBe('SECURITY.IP_BLOCK_NOT_FOUND');
      expect((await request(a.getHttpServer()).delete(`${BLOCKS}/${created.id}`).set(admin)).status).toBe(404);
    });

    it('pages through every block once with an opaque cursor', async () => {
      const created: string[] = [];
      for (const host of [1, 2, 3]) {
        created.push(((await block(`192.0.2.${host}`).expect(201)).body as { id: string }).id);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor === null ? '' : `&cursor=${cursor}`;
        const page = await request(a.getHttpServer()).get(`${BLOCKS}?limit=2${query}`).set(admin).expect(200);
        expect(itemsOf(page).length).toBeLessThanOrEqual(2);
        seen.push(...itemsOf(page).map((item) => item.id));
        cursor = page.body.nextCursor as string | null;
      } while (cursor !== null);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining(created));
      expect(seen.indexOf(created[2]!)).toBeLessThan(seen.indexOf(created[0]!));
    });

    it('rejects bad filters and ids with 400', async () => {
      for (const path of [`${BLOCKS}?source=bogus`, `${BLOCKS}?active=maybe`, `${BLOCKS}?cursor=nonsense`, `${BLOCKS}/not-a-uuid`]) {
        expect((await request(a.getHttpServer()).get(path).set(admin)).status).toBe(400);
      }
    });
  });

  describe('automatic blocks', () => {
    const threat = (ip: string): ThreatDetectedEvent => ({ ip, category: 'sqli', score: 9, blocked: true });

    it(`blocks an address after ${THRESHOLD} threat detections counted across instances, on every instance`, async () => {
      const attacker = freshLoopback();
      for (let index = 0; index < THRESHOLD - 1; index += 1) {
        await (index % 2 === 0 ? a : b).get(EventEmitter2).emitAsync(SecurityEvents.THREAT_DETECTED, threat(attacker));
      }
      expect(a.get(IpBlockList).isBlocked(attacker)).toBe(false);
      expect((await from(a, attacker).get('/fixtures/slow?ms=0')).status).toBe(200);

      await b.get(EventEmitter2).emitAsync(SecurityEvents.THREAT_DETECTED, threat(attacker));
      expectBlocked(await from(b, attacker).get('/fixtures/slow?ms=0'));
      await waitFor(() => a.get(IpBlockList).isBlocked(attacker), 'instance A to learn the automatic block');
      expectBlocked(await from(a, attacker).get('/fixtures/slow?ms=0'));

      const listed = await request(a.getHttpServer()).get(`${BLOCKS}?source=auto&active=true`).set(admin);
      const auto = itemsOf(listed).find((item) => item.cidr === `${attacker}/32`);
      expect(auto).toMatchObject({ createdBy: 'system' });
      expect(Date.parse(auto!.expiresAt)).toBeGreaterThan(Date.now());
    });

    it('never blocks an allowlisted address automatically', async () => {
      const trusted = freshLoopback(200);
      for (let index = 0; index < THRESHOLD * 3; index += 1) {
        await a.get(EventEmitter2).emitAsync(SecurityEvents.THREAT_DETECTED, threat(trusted));
      }
      expect(a.get(IpBlockList).isBlocked(trusted)).toBe(false);
      expect((await from(a, trusted).get('/fixtures/slow?ms=0')).status).toBe(200);
      const listed = await request(a.getHttpServer()).get(`${BLOCKS}?source=auto&limit=200`).set(admin);
      expect(itemsOf(listed).map((item) => item.cidr)).not.toContain(`${trusted}/32`);
    });
  });
});
