import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { setFlagsFromString } from 'node:v8';
import request from 'supertest';

import { bootApp } from '../support/app.js';
import { bearer, issueApiKey } from '../support/principals.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('HTTP pipeline', () => {
  let app: INestApplication;
  let db: TestDatabase;

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp({ DATABASE_URL: db.url, HTTP_CORS_ORIGINS: 'https://app.example.com, https://admin.example.com' });
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  describe('V8 state after boot', () => {
    it('keeps String.prototype in fast mode although @redis/client subclasses String', () => {
      // V8's own view of the object, the only one that tells dictionary from fast mode (see restoreFastPrimitivePrototypes).
      setFlagsFromString('--allow-natives-syntax');
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- natives syntax compiles only at runtime, and in this realm: the app's
      const hasFastProperties = new Function('object', 'return %HasFastProperties(object)') as (object: object) => boolean;

      expect(hasFastProperties(String.prototype)).toBe(true);
      expect(hasFastProperties(Number.prototype)).toBe(true);
    });
  });

  describe('X-Request-Id', () => {
    it('echoes a sane incoming id', async () => {
      const response = await request(app.getHttpServer()).get('/health/live').set('X-Request-Id', 'trace-01HZX.42:a');
      expect(response.headers['x-request-id']).toBe('trace-01HZX.42:a');
    });

    it('replaces an id that could inject into logs with a fresh UUID', async () => {
      const response = await request(app.getHttpServer()).get('/health/live').set('X-Request-Id', 'evil id"}{"level":60');
      expect(response.headers['x-request-id']).toMatch(UUID);
    });

    it('generates a different UUID per request when none is given', async () => {
      const first = await request(app.getHttpServer()).get('/health/live');
      const second = await request(app.getHttpServer()).get('/health/live');
      expect(first.headers['x-request-id']).toMatch(UUID);
      expect(second.headers['x-request-id']).toMatch(UUID);
      expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
    });

    it('carries the id into problem+json as correlationId', async () => {
      const response = await request(app.getHttpServer()).get('/missing').set('X-Request-Id', 'abc-123');
      expect(response.body.correlationId).toBe('abc-123');
    });
  });

  describe('CORS', () => {
    it('allows a configured origin and exposes X-Request-Id', async () => {
      const response = await request(app.getHttpServer()).get('/health/live').set('Origin', 'https://admin.example.com');
      expect(response.headers['access-control-allow-origin']).toBe('https://admin.example.com');
      expect(response.headers['access-control-expose-headers']).toContain('X-Request-Id');
    });

    it('gives an unlisted origin no CORS grant', async () => {
      const response = await request(app.getHttpServer()).get('/health/live').set('Origin', 'https://evil.example.net');
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('answers a preflight from a configured origin', async () => {
      const response = await request(app.getHttpServer())
        .options('/v1/system/info')
        .set('Origin', 'https://app.example.com')
        .set('Access-Control-Request-Method', 'GET');
      expect(response.status).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe('https://app.example.com');
    });
  });

  describe('GET /v1/system/info', () => {
    it('needs a credential', async () => {
      const response = await request(app.getHttpServer()).get('/v1/system/info');
      expect(response.status).toBe(401);
    });

    it('reports version, uptime, Node version, database mode and Redis state', async () => {
      const key = await issueApiKey(app);
      const response = await request(app.getHttpServer()).get('/v1/system/info').set(bearer(key));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        name: 'bulwark',
        version: expect.stringMatching(/^\d+\.\d+\.\d+/),
        environment: 'test',
        nodeVersion: process.version,
        uptimeSeconds: expect.any(Number),
        database: { mode: 'external', poolMax: 10 },
        redis: { configured: false, connected: false, state: 'not-configured' },
      });
      expect(new Date(response.body.startedAt).toISOString()).toBe(response.body.startedAt);
    });
  });

  describe('GET /metrics', () => {
    it('serves Prometheus text with process and pool metrics named bulwark_<module>_<what>_<unit>', async () => {
      await request(app.getHttpServer()).get('/health/ready');
      const response = await request(app.getHttpServer()).get('/metrics');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(response.text).toMatch(/^bulwark_process_cpu_seconds_total \d/m);
      expect(response.text).toMatch(/^bulwark_nodejs_eventloop_lag_seconds \d/m);
      expect(response.text).toMatch(/^bulwark_db_pool_connections\{state="max"\} 10$/m);
      expect(response.text).toMatch(/^bulwark_db_pool_acquire_duration_seconds_count [1-9]/m);
      const names = new Set([...response.text.matchAll(/^# TYPE (\S+)/gm)].map((match) => match[1]!));
      expect([...names].filter((name) => !name.startsWith('bulwark_'))).toEqual([]);
    });
  });

  describe('OpenAPI', () => {
    it('serves an OpenAPI 3.1 document at /openapi.json listing the API', async () => {
      const response = await request(app.getHttpServer()).get('/openapi.json');
      expect(response.status).toBe(200);
      expect(response.body.openapi).toBe('3.1.0');
      expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/v1/system/info', '/health/ready']));
      expect(response.body.paths['/metrics']).toBeUndefined();
    });

    it('serves Swagger UI at /docs under the strict CSP', async () => {
      const response = await request(app.getHttpServer()).get('/docs');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toContain('swagger-ui');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    });
  });
});
