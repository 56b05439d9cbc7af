import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import request from 'supertest';

import { bootApp } from '../support/app.js';
import { FixturesController } from '../support/fixtures.controller.js';
import { bearer, issueApiKey } from '../support/principals.js';

function expectHardened(response: { headers: Record<string, string | string[] | undefined> }): void {
  expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(response.headers['x-frame-options']).toBe('DENY');
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
  expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
  expect(response.headers['x-powered-by']).toBeUndefined();
  expect(response.headers['x-request-id']).toBeDefined();
}

/** Sends raw bytes and returns the raw answer: for requests Node's HTTP parser refuses before Express. */
function rawRequest(port: number, payload: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.write(payload);
  });
}

describe('security headers and hostile input', () => {
  let app: INestApplication;
  let db: TestDatabase;

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp({ DATABASE_URL: db.url }, [FixturesController]);
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it.each([
    ['200', '/health/live', {}],
    ['401', '/v1/system/info', {}],
    ['404', '/no/such/route', {}],
  ])('hardens a %s response', async (_status, path, headers) => {
    expectHardened(await request(app.getHttpServer()).get(path).set(headers));
  });

  it('hardens a 403 response', async () => {
    const key = await issueApiKey(app, { scopes: [] });
    const response = await request(app.getHttpServer()).get('/v1/api-keys').set(bearer(key));
    expect(response.status).toBe(403);
    expectHardened(response);
  });

  it('answers an unexpected error with a generic 500 problem: hardened, no stack, no internal detail', async () => {
    const response = await request(app.getHttpServer()).get('/fixtures/boom');
    expect(response.status).toBe(500);
    expect(response.body).toMatchObject({ code: 'COMMON.INTERNAL', detail: 'An unexpected error occurred.' });
    expect(response.text).not.toMatch(/hunter2|secret internal|\.ts:\d+|at /);
    expectHardened(response);
  });

  it('answers headers too large for the parser with a 431 problem+json carrying the security headers', async () => {
    const port = ((app.getHttpServer() as Server).address() as AddressInfo).port;
    const answer = await rawRequest(port, `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head).toContain('Content-Type: application/problem+json');
    expect(head).toContain("frame-ancestors 'none'");
    expect(head).toContain('Strict-Transport-Security');
    expect(JSON.parse(body!)).toMatchObject({ status: 431, code: 'COMMON.HEADERS_TOO_LARGE' });
  });

  it('answers a malformed request line with a 400 problem+json', async () => {
    const port = ((app.getHttpServer() as Server).address() as AddressInfo).port;
    const answer = await rawRequest(port, 'NOT A REQUEST\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(answer.split('\r\n\r\n')[1]!)).toMatchObject({ status: 400, code: 'COMMON.BAD_REQUEST' });
  });

  it('never lets a __proto__ key in JSON reach a handler: 400, not a 500 or a polluted prototype', async () => {
    const response = await request(app.getHttpServer())
      .post('/fixtures/echo')
      .set('Content-Type', 'application/json')
      .send('{"title":"t","count":1,"owner":{"name":"a"},"__proto__":{"isAdmin":true}}');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'COMMON.MALFORMED_BODY', detail: expect.stringContaining('__proto__') });
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('refuses a constructor.prototype payload nested anywhere in the body', async () => {
    const response = await request(app.getHttpServer())
      .post('/fixtures/echo')
      .set('Content-Type', 'application/json')
      .send('{"title":"t","count":1,"owner":{"name":"a","constructor":{"prototype":{"isAdmin":true}}}}');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('COMMON.MALFORMED_BODY');
  });
});
