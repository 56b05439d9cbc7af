import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import request from 'supertest';

import { bootApp } from '../support/app.js';
import { FixturesController } from '../support/fixtures.controller.js';

function urlOf(server: Server): string {
  const address = server.address();
  if (typeof address !== 'object' || address === null) {
    throw new Error('server is not listening on TCP');
  }
  return `http://127.0.0.1:${address.port}`;
}

describe('graceful shutdown', () => {
  let app: INestApplication;
  let db: TestDatabase;

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp({ DATABASE_URL: db.url, SHUTDOWN_DRAIN_DELAY_MS: '1500', SHUTDOWN_TIMEOUT_MS: '10000' }, [FixturesController]);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('on SIGTERM fails readiness at once, drains, finishes the in-flight request, then stops accepting', async () => {
    const server = app.getHttpServer() as Server;
    const base = urlOf(server);
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);

    const inFlight = fetch(`${base}/fixtures/slow?ms=1200`).then(async (response) => ({ status: response.status, body: await response.json() }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    // What enableShutdownHooks does on a real SIGTERM; INestApplication's type hides the signal parameter.
    const closing = (app as unknown as { close(signal: string): Promise<void> }).close('SIGTERM');

    // Well inside the 1.5 s drain delay even when a loaded CI machine stretches timers. A new connection (supertest
    // opens one per request): the idle sweep closes pooled keep-alive sockets, which fetch could be reusing just then.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const duringDrain = await request(server).get('/health/ready');
    expect(duringDrain.status).toBe(503);
    expect((duringDrain.body as { status: string }).status).toBe('shutting_down');
    expect((await request(server).get('/health/live')).status).toBe(200);
    // The asset path answers ahead of Express, and also asks clients to drop the connection while draining.
    const asset = await request(server).get('/cdn/0123456789abcdef/missing.js');
    expect(asset.status).toBe(404);
    expect(asset.headers.connection).toBe('close');

    await expect(inFlight).resolves.toEqual({ status: 200, body: { sleptMs: 1200 } });
    await closing;
    expect(server.listening).toBe(false);
    await expect(fetch(`${base}/health/live`)).rejects.toThrow();
  });
});
