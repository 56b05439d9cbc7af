import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { bootApp } from '../support/app.js';
import { DEDICATED_POSTGRES_TIMEOUT_MS as SERVER_TIMEOUT_MS, startDedicatedPostgres, type DedicatedPostgres } from '../support/dedicated-postgres.js';
import { bearer, issueAdminKey } from '../support/principals.js';
import { waitFor } from '../support/wait-for.js';

describe('The app while its PostgreSQL is down (a dedicated embedded server, stopped and started)', () => {
  let postgres: DedicatedPostgres;
  let app: INestApplication;
  let admin: Record<string, string>;
  const http = (): ReturnType<typeof request> => request(app.getHttpServer());

  beforeAll(async () => {
    postgres = await startDedicatedPostgres('outage');
    app = await bootApp({ DATABASE_URL: postgres.url, DATABASE_BREAKER_FAILURES: '2', DATABASE_BREAKER_HALF_OPEN_MS: '300', DATABASE_ACQUIRE_TIMEOUT_MS: '2000' });
    admin = bearer(await issueAdminKey(app));
  }, SERVER_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
    await postgres?.remove();
  }, SERVER_TIMEOUT_MS);

  it('answers 503 with Retry-After instead of hanging, fails readiness, and recovers by itself', async () => {
    expect((await http().get('/v1/threat/events').set(admin)).status).toBe(200);

    await postgres.server.stop();
    for (let attempt = 0; attempt < 4; attempt++) {
      const response = await http().get('/v1/threat/events').set(admin);
      expect(response.status).toBe(503);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['retry-after']).toMatch(/^\d+$/);
      expect(response.body).toMatchObject({ status: 503, code: 'DATABASE.UNAVAILABLE' });
    }
    expect((await http().get('/health/ready')).status).toBe(503);
    expect((await http().get('/health/live')).status).toBe(200);
    expect((await http().get('/metrics')).text).toMatch(/^bulwark_db_breaker_open 1$/m);

    await postgres.server.start();
    await waitFor(async () => (await http().get('/health/ready')).status === 200, 'readiness once PostgreSQL is back', 30_000);
    expect((await http().get('/v1/threat/events').set(admin)).status).toBe(200);
  }, SERVER_TIMEOUT_MS);
});
