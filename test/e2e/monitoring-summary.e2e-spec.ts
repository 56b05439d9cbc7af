import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { RuntimeSampler } from '../../src/modules/monitoring/runtime/runtime-sampler.service.js';
import type { MonitoringSummary } from '../../src/modules/monitoring/summary/monitoring-summary.js';
import { Scope } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { FixturesController } from '../support/fixtures.controller.js';
import { bearer, issueApiKey } from '../support/principals.js';

describe('monitoring: RED metrics and the summary', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let reader: { Authorization: string };

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp({ DATABASE_URL: db.url }, [FixturesController]);
    reader = bearer(await issueApiKey(app, { scopes: [Scope.MONITORING_READ], name: 'monitoring reader' }));
    const http = request(app.getHttpServer());
    for (let i = 0; i < 3; i += 1) {
      await http.get('/fixtures/slow?ms=40').expect(200);
    }
    await http.get('/fixtures/boom').expect(500);
    await http.get('/fixtures/boom').expect(500);
    await http.get('/no/such/path/4f2a9c1e-0c7b-4c1a-9d55-2b1de3a0c001').expect(404);
    await app.get(RuntimeSampler).sample();
    await app.get(RuntimeSampler).sample();
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  describe('GET /metrics', () => {
    it('counts requests per method, route template and status', async () => {
      const { text } = await request(app.getHttpServer()).get('/metrics').expect(200);
      expect(text).toContain('bulwark_http_requests_total{method="GET",route="/fixtures/slow",status="200"} 3');
      expect(text).toContain('bulwark_http_requests_total{method="GET",route="/fixtures/boom",status="500"} 2');
      expect(text).toContain('bulwark_http_requests_total{method="GET",route="unmatched",status="404"} 1');
      expect(text).toMatch(/bulwark_http_request_duration_seconds_bucket\{le="0\.05",method="GET",route="\/fixtures\/slow",status="200"\} \d/);
      expect(text).toMatch(/^bulwark_nodejs_eventloop_utilization_ratio \d/m);
      expect(text).toMatch(/^bulwark_process_cpu_utilization_ratio \d/m);
    });

    it('never labels a series with a raw path', async () => {
      const { text } = await request(app.getHttpServer()).get('/metrics').expect(200);
      expect(text).not.toContain('4f2a9c1e');
      expect(text).not.toContain('/no/such/path');
    });
  });

  describe('GET /v1/monitoring/summary', () => {
    it('gives rps, error rate and percentiles per route, the process and other modules', async () => {
      const { body } = (await request(app.getHttpServer()).get('/v1/monitoring/summary').set(reader).expect(200)) as { body: MonitoringSummary };
      expect(body.window).toBe('1m');
      const slow = body.routes.find((route) => route.route === '/fixtures/slow');
      expect(slow).toMatchObject({ method: 'GET', requests: 3, errors: 0, errorRate: 0 });
      expect(slow!.p50Ms).toBeGreaterThanOrEqual(39);
      expect(slow!.p99Ms).toBeGreaterThanOrEqual(slow!.p50Ms);
      expect(slow!.rps).toBeGreaterThan(0);
      expect(body.routes.find((route) => route.route === '/fixtures/boom')).toMatchObject({ requests: 2, errors: 2, errorRate: 1 });
      expect(body.requests.requests).toBeGreaterThanOrEqual(6);
      expect(body.requests.errors).toBeGreaterThanOrEqual(2);
      expect(body.runtime.rssBytes).toBeGreaterThan(0);
      expect(body.runtime.heapUsedBytes).toBeGreaterThan(0);
      expect(body.runtime.cpuUtilisation).toEqual(expect.any(Number));
      expect(body.runtime.eventLoopUtilisation).toEqual(expect.any(Number));
      expect(body.database.pool).toMatchObject({ max: expect.any(Number), waiting: expect.any(Number) });
      expect(body).toHaveProperty('cache.hitRatio');
      expect(body.threat.detections).toBe(0);
      expect(body.gpu).toBeNull();
    });

    it('lists the busiest routes first and says how many it left out', async () => {
      const { body } = (await request(app.getHttpServer()).get('/v1/monitoring/summary?window=5m&routes=1').set(reader).expect(200)) as { body: MonitoringSummary };
      expect(body.window).toBe('5m');
      expect(body.routes).toHaveLength(1);
      expect(body.routes[0]!.route).toBe('/fixtures/slow');
      expect(body.routesOmitted).toBeGreaterThanOrEqual(2);
    });

    it('refuses an unknown window with a problem', async () => {
      const response = await request(app.getHttpServer()).get('/v1/monitoring/summary?window=2d').set(reader).expect(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    });

    it('needs monitoring:read', async () => {
      const other = bearer(await issueApiKey(app, { scopes: [Scope.CDN_READ], name: 'not monitoring' }));
      await request(app.getHttpServer()).get('/v1/monitoring/summary').set(other).expect(403);
      await request(app.getHttpServer()).get('/v1/monitoring/summary').expect(401);
    });
  });
});
