import { EmbeddedPostgresServer } from '@app/common';
import type { INestApplication } from '@nestjs/common';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';

import { bootApp } from '../support/app.js';
import { bearer, issueAdminKey } from '../support/principals.js';
import { waitFor } from '../support/wait-for.js';

const SERVER_TIMEOUT_MS = 120_000;

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('The app while its PostgreSQL is down (a dedicated embedded server, stopped and started)', () => {
  let root: string;
  let server: EmbeddedPostgresServer;
  let app: INestApplication;
  let admin: Record<string, string>;
  const http = (): ReturnType<typeof request> => request(app.getHttpServer());

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'bulwark-outage-'));
    server = new EmbeddedPostgresServer({ dataDir: join(root, 'pg'), port: await freePort(), password: 'outage-it-secret', database: 'bulwark_outage' });
    await server.start();
    app = await bootApp({ DATABASE_URL: server.url, DATABASE_BREAKER_FAILURES: '2', DATABASE_BREAKER_HALF_OPEN_MS: '300', DATABASE_ACQUIRE_TIMEOUT_MS: '2000' });
    admin = bearer(await issueAdminKey(app));
  }, SERVER_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
    await server?.stop();
    await rm(root, { force: true, recursive: true });
  }, SERVER_TIMEOUT_MS);

  it('answers 503 with Retry-After instead of hanging, fails readiness, and recovers by itself', async () => {
    expect((await http().get('/v1/threat/events').set(admin)).status).toBe(200);

    await server.stop();
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

    await server.start();
    await waitFor(async () => (await http().get('/health/ready')).status === 200, 'readiness once PostgreSQL is back', 30_000);
    expect((await http().get('/v1/threat/events').set(admin)).status).toBe(200);
  }, SERVER_TIMEOUT_MS);
});
