import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { bootApp } from '../support/app.js';
import { bearer, issueAdminKey } from '../support/principals.js';
import { waitFor } from '../support/wait-for.js';

const PASSWORD = 'correct horse battery staple 42';
const ATTACKER = '203.0.113.77';
const BYSTANDER = '198.51.100.23';
const THRESHOLD = 4;

/** Failed logins feed the automatic IP blocker: past the threshold the attacker's address is blocked everywhere. */
describe('automatic block after failed logins', () => {
  let app: INestApplication;
  let db: TestDatabase;
  let admin: { Authorization: string };

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp({
      DATABASE_URL: db.url,
      TRUST_PROXY: '1',
      RATE_LIMIT_ANONYMOUS: '100000',
      AUTO_BLOCK_LOGIN_FAILURE_THRESHOLD: String(THRESHOLD),
      AUTO_BLOCK_THREAT_THRESHOLD: '0',
    });
    admin = bearer(await issueAdminKey(app));
    const created = await request(app.getHttpServer()).post('/v1/users').set(admin).send({ email: 'victim@example.com', password: PASSWORD, role: 'viewer' });
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const loginFrom = (ip: string, password: string): request.Test =>
    request(app.getHttpServer()).post('/v1/auth/login').set('X-Forwarded-For', ip).send({ email: 'victim@example.com', password });

  it('blocks the guessing address with 403 problem+json, records the block, and leaves other addresses and the account usable', async () => {
    for (let attempt = 0; attempt < THRESHOLD; attempt += 1) {
      expect([401, 429]).toContain((await loginFrom(ATTACKER, `wrong guess ${attempt}`)).status);
    }

    await waitFor(async () => (await loginFrom(ATTACKER, PASSWORD)).status === 403, 'the attacker to be blocked');
    const blocked = await request(app.getHttpServer()).get('/v1/system/info').set('X-Forwarded-For', ATTACKER).set(admin);
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('SECURITY.IP_BLOCKED');

    const blocks = await request(app.getHttpServer()).get('/v1/security/ip-blocks').set(admin);
    expect(blocks.body.items).toEqual([expect.objectContaining({ cidr: `${ATTACKER}/32`, source: 'auto' })]);

    expect((await loginFrom(BYSTANDER, PASSWORD)).status).toBe(200);
  });
});
