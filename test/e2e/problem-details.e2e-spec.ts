import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { bootApp } from '../support/app.js';
import { FixturesController } from '../support/fixtures.controller.js';

const validBody = { title: 'hello', count: 3, owner: { name: 'ada' } };

/** Every bad input gets a 4xx problem+json with security headers and the request id; none is a 500. */
function expectProblem(response: request.Response, status: number, code: string): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.headers['x-request-id']).toBeDefined();
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  expect(response.headers['strict-transport-security']).toBeDefined();
  expect(response.body).toMatchObject({
    type: expect.stringContaining('https://bulwark.dev/problems/'),
    title: expect.any(String),
    status,
    code,
    detail: expect.any(String),
    instance: expect.stringMatching(/^\//),
    correlationId: response.headers['x-request-id'],
  });
  expect(JSON.stringify(response.body)).not.toMatch(/\bat .+\.(js|ts):\d+/);
}

describe('problem+json for bad input', () => {
  let app: INestApplication;
  let db: TestDatabase;

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp({ DATABASE_URL: db.url, HTTP_BODY_LIMIT_BYTES: '2048' }, [FixturesController]);
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('accepts a valid body and returns it transformed', async () => {
    const response = await request(app.getHttpServer()).post('/fixtures/echo').send(validBody);
    expect(response.status).toBe(201);
    expect(response.body).toEqual(validBody);
  });

  it('answers malformed JSON with 400 COMMON.MALFORMED_BODY', async () => {
    const response = await request(app.getHttpServer())
      .post('/fixtures/echo')
      .set('Content-Type', 'application/json')
      .send('{"title": "x", ');
    expectProblem(response, 400, 'COMMON.MALFORMED_BODY');
    expect(response.body.detail).toBe('The request body is not valid JSON.');
  });

  it('answers unknown fields with 400 naming each of them', async () => {
    const response = await request(app.getHttpServer())
      .post('/fixtures/echo')
      .send({ ...validBody, isAdmin: true, owner: { name: 'ada', role: 'root' } });
    expectProblem(response, 400, 'COMMON.VALIDATION_FAILED');
    const fields = (response.body.errors as Array<{ field: string; message: string }>).map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['isAdmin', 'owner.role']));
    expect(response.body.detail).toContain('isAdmin');
  });

  it('answers invalid values with 400 and one error per field', async () => {
    const response = await request(app.getHttpServer()).post('/fixtures/echo').send({ title: 42, count: -1, owner: {} });
    expectProblem(response, 400, 'COMMON.VALIDATION_FAILED');
    const fields = new Set((response.body.errors as Array<{ field: string }>).map((error) => error.field));
    expect([...fields].sort()).toEqual(['count', 'owner.name', 'title']);
  });

  it('answers an oversized body with 413', async () => {
    const response = await request(app.getHttpServer())
      .post('/fixtures/echo')
      .send({ ...validBody, title: 'x'.repeat(4096) });
    expectProblem(response, 413, 'COMMON.PAYLOAD_TOO_LARGE');
  });

  it('answers an unsupported content type with 415', async () => {
    const response = await request(app.getHttpServer()).post('/fixtures/echo').set('Content-Type', 'text/plain').send('title=hello');
    expectProblem(response, 415, 'COMMON.UNSUPPORTED_MEDIA_TYPE');
    expect(response.body.detail).toContain('text/plain');
  });

  it('answers a body without a content type with 415', async () => {
    const response = await request(app.getHttpServer())
      .post('/fixtures/echo')
      .set('Content-Type', '')
      .send(Buffer.from(JSON.stringify(validBody)));
    expectProblem(response, 415, 'COMMON.UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers an unknown route with 404 naming the method and path', async () => {
    const response = await request(app.getHttpServer()).get('/v1/nothing-here?x=1');
    expectProblem(response, 404, 'COMMON.NOT_FOUND');
    expect(response.body.detail).toContain('GET /v1/nothing-here');
    expect(response.body.instance).toBe('/v1/nothing-here');
  });

  it('answers OPTIONS that is no CORS preflight with 404 on a path whose routes do not handle OPTIONS', async () => {
    const response = await request(app.getHttpServer()).options('/v1/system/info');
    expectProblem(response, 404, 'COMMON.NOT_FOUND');
    expect(response.headers.allow).toBeUndefined();
  });

  it('answers invalid query parameters with 400, not 500', async () => {
    const response = await request(app.getHttpServer()).get('/fixtures/slow?ms=banana');
    expectProblem(response, 400, 'COMMON.VALIDATION_FAILED');
  });
});
