import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { IpBlockList } from '../../../src/modules/security/index.js';
import { FixturesController } from '../../support/fixtures.controller.js';
import { startAbuseApp, type AbuseApp } from '../../support/abuse/abuse-app.js';
import { freshLoopback, LoopbackClients } from '../../support/abuse/loopback-client.js';
import { expectProblem } from '../../support/abuse/problem.js';
import { bearer, issueAdminKey } from '../../support/principals.js';
import { waitFor } from '../../support/wait-for.js';

const ANONYMOUS_LIMIT = 2;
const PUBLIC_ROUTE = '/fixtures/slow?ms=0';
/** The one proxy this instance trusts; every other peer is a client whose X-Forwarded-For means nothing. */
const PROXY = '127.0.0.1';

/**
 * Abuse case: a client sends its own X-Forwarded-For to pick the IP that rate limits, IP blocks and the audit log
 * see. Only a peer named in TRUST_PROXY may set the client IP; from anyone else the header is ignored.
 */
describe('abuse: spoofed X-Forwarded-For', () => {
  let target: AbuseApp;
  let app: INestApplication;
  let clients: LoopbackClients;
  let admin: Record<string, string>;

  beforeAll(async () => {
    target = await startAbuseApp({ TRUST_PROXY: PROXY, RATE_LIMIT_ANONYMOUS: String(ANONYMOUS_LIMIT), RATE_LIMIT_WINDOW_MS: '3600000' }, [FixturesController]);
    app = target.app;
    clients = new LoopbackClients(app);
    admin = bearer(await issueAdminKey(app));
  });

  afterAll(async () => {
    clients.close();
    await target.close();
  });

  const statusesOf = async (send: () => request.Test, times: number): Promise<number[]> => {
    const statuses: number[] = [];
    for (let i = 0; i < times; i++) {
      statuses.push((await send()).status);
    }
    return statuses;
  };

  describe('rate limits', () => {
    it('give an untrusted client no fresh budget for a fresh X-Forwarded-For', async () => {
      const attacker = clients.from(freshLoopback());
      const spoofed = await statusesOf(() => attacker.get(PUBLIC_ROUTE).set('X-Forwarded-For', freshLoopback()), 4);
      expect(spoofed).toEqual([200, 200, 429, 429]);
    });

    it('count each forwarded client apart behind the trusted proxy (the legitimate form)', async () => {
      const proxy = clients.from(PROXY);
      const [first, second] = [freshLoopback(), freshLoopback()];
      expect(await statusesOf(() => proxy.get(PUBLIC_ROUTE).set('X-Forwarded-For', first), 3)).toEqual([200, 200, 429]);
      expect(await statusesOf(() => proxy.get(PUBLIC_ROUTE).set('X-Forwarded-For', second), 2)).toEqual([200, 200]);
    });

    it('survive a malformed or huge X-Forwarded-For from the proxy without a 500', async () => {
      const proxy = clients.from(PROXY);
      for (const header of ['not-an-ip', '999.1.1.1, ::zz', `${'1.2.3.4, '.repeat(800)}5.6.7.8`]) {
        expect([200, 429]).toContain((await proxy.get(PUBLIC_ROUTE).set('X-Forwarded-For', header)).status);
      }
    });
  });

  describe('IP blocks', () => {
    it('neither free a blocked client that names someone else nor frame a bystander it names', async () => {
      const [blocked, bystander] = [freshLoopback(), freshLoopback()];
      await target.http().post('/v1/security/ip-blocks').set(admin).send({ cidr: blocked, reason: 'abuse e2e' }).expect(201);
      await waitFor(() => app.get(IpBlockList).isBlocked(blocked), 'the block to load');

      expectProblem(await clients.from(blocked).get(PUBLIC_ROUTE).set('X-Forwarded-For', bystander), 403, 'SECURITY.IP_BLOCKED');
      expect((await clients.from(bystander).get(PUBLIC_ROUTE).set('X-Forwarded-For', blocked)).status).toBe(200);
      // Through the trusted proxy the forwarded address is the client, so the block applies to it.
      expectProblem(await clients.from(PROXY).get(PUBLIC_ROUTE).set('X-Forwarded-For', blocked), 403, 'SECURITY.IP_BLOCKED');
    });
  });

  describe('audit', () => {
    const auditedIpOf = async (blockId: string): Promise<unknown> => {
      let ip: unknown;
      await waitFor(async () => {
        const page = await target.http().get('/v1/audit/events?action=ip_block.created&limit=200').set(admin);
        const items = (page.body as { items?: Array<Record<string, unknown>> }).items ?? [];
        ip = items.find((event) => event['targetId'] === blockId)?.['ip'];
        return ip !== undefined;
      }, 'the audit event');
      return ip;
    };
    const createBlockFrom = async (peer: string, forwardedFor: string): Promise<string> => {
      const response = await clients.from(peer).post('/v1/security/ip-blocks').set(admin).set('X-Forwarded-For', forwardedFor).send({ cidr: freshLoopback(), reason: 'abuse e2e' });
      expect(response.status).toBe(201);
      return (response.body as { id: string }).id;
    };

    it('records the peer, not the address an untrusted peer claims', async () => {
      const peer = freshLoopback();
      expect(await auditedIpOf(await createBlockFrom(peer, '198.51.100.77'))).toBe(peer);
    });

    it('records the forwarded client behind the trusted proxy', async () => {
      expect(await auditedIpOf(await createBlockFrom(PROXY, '198.51.100.78'))).toBe('198.51.100.78');
    });
  });
});
