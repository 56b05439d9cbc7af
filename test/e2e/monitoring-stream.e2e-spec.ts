import { testDatabase, type TestDatabase } from '@app/testing';
import { jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { LiveTickBuilder } from '../../src/modules/monitoring/live/live-tick.builder.js';
import { MAX_LIVE_STREAMS } from '../../src/modules/monitoring/live/live-stream.service.js';
import { RuntimeSampler } from '../../src/modules/monitoring/runtime/runtime-sampler.service.js';
import { Scope } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { FixturesController } from '../support/fixtures.controller.js';
import { gaugeValue, openLiveStream, type LiveStream } from '../support/monitoring/live-stream-client.js';
import { bearer, issueApiKey } from '../support/principals.js';
import { waitFor } from '../support/wait-for.js';

const INTERVAL_MS = 200;
const CLIENTS = 'bulwark_monitoring_stream_clients';

describe('monitoring: the live stream', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let reader: { Authorization: string };

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp({ DATABASE_URL: db.url, MONITORING_STREAM_INTERVAL_MS: String(INTERVAL_MS) }, [FixturesController]);
    reader = bearer(await issueApiKey(app, { scopes: [Scope.MONITORING_READ], name: 'monitoring reader' }));
    // The sampler's first sample comes a second after start; take one now rather than wait for it.
    await app.get(RuntimeSampler).sample();
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  describe('GET /v1/monitoring/stream', () => {
    it('sends event-stream headers, a retry delay, then numbered ticks with the live figures', async () => {
      const http = request(app.getHttpServer());
      await http.get('/fixtures/slow?ms=20').expect(200);
      await http.get('/fixtures/boom').expect(500);
      const stream = await openLiveStream(app, reader);
      try {
        expect(stream.response.status).toBe(200);
        expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
        expect(stream.response.headers.get('cache-control')).toBe('no-store');
        expect(stream.response.headers.get('x-accel-buffering')).toBe('no');
        const ticks = await stream.ticks(3);
        expect(stream.parser.retry).toBe(3000);
        const ids = stream.events.filter((event) => event.type === 'tick').map((event) => Number(event.id));
        expect(ids.every((id, index) => index === 0 || id > ids[index - 1]!)).toBe(true);
        const times = ticks.map((tick) => Date.parse(tick.at));
        expect(times.every((time, index) => index === 0 || time > times[index - 1]!)).toBe(true);
        const last = ticks.at(-1)!;
        expect(last).toMatchObject({ window: '1m', alerts: { firing: 0, pending: 0 }, gpu: null });
        // No cache lookups yet in this app: the ratio is null, not a made-up 0.
        expect(Object.keys(last.cache)).toEqual(['hitRatio']);
        expect([null, 'number']).toContain(last.cache.hitRatio === null ? null : typeof last.cache.hitRatio);
        expect(last.requests).toEqual({ requests: expect.any(Number), rps: expect.any(Number), errorRate: expect.any(Number), p50Ms: expect.any(Number), p95Ms: expect.any(Number), p99Ms: expect.any(Number) });
        expect(last.requests.requests).toBeGreaterThanOrEqual(2);
        expect(last.requests.errorRate).toBeGreaterThan(0);
        expect(last.topRoutes.length).toBeLessThanOrEqual(5);
        expect(last.topRoutes).toEqual(expect.arrayContaining([expect.objectContaining({ method: 'GET', route: '/fixtures/boom', requests: 1, errorRate: 1 })]));
        expect(last.topRoutes[0]).toEqual({ method: 'GET', route: expect.any(String), requests: expect.any(Number), rps: expect.any(Number), errorRate: expect.any(Number), p95Ms: expect.any(Number) });
        expect(last.runtime).toEqual({ cpuUtilisation: expect.any(Number), eventLoopUtilisation: expect.any(Number), eventLoopLagP99Ms: expect.any(Number), heapUsedBytes: expect.any(Number), rssBytes: expect.any(Number) });
        expect(last.dbPool).toEqual({ active: expect.any(Number), idle: expect.any(Number), waiting: expect.any(Number), max: expect.any(Number) });
      } finally {
        stream.close();
      }
    });

    it('needs monitoring:read', async () => {
      const other = bearer(await issueApiKey(app, { scopes: [Scope.CDN_READ], name: 'not monitoring' }));
      const http = request(app.getHttpServer());
      await http.get('/v1/monitoring/stream').set('Accept', 'text/event-stream').expect(401);
      const refused = await http.get('/v1/monitoring/stream').set('Accept', 'text/event-stream').set(other).expect(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    });

    it('answers a client that did not ask for an event stream with a 406 problem instead of a response that never ends', async () => {
      const response = await request(app.getHttpServer()).get('/v1/monitoring/stream').set(reader).set('Accept', 'application/json').expect(406);
      expect(response.body.code).toBe('MONITORING.STREAM_NOT_ACCEPTABLE');
    });

    it('counts open streams and stops ticking once the last client has gone', async () => {
      const streams = [await openLiveStream(app, reader), await openLiveStream(app, reader)];
      await Promise.all(streams.map((stream) => stream.ticks(2)));
      expect(await gaugeValue(app, CLIENTS)).toBe(2);
      streams.forEach((stream) => stream.close());
      await waitFor(async () => (await gaugeValue(app, CLIENTS)) === 0, 'the stream gauge to fall to 0');
      const build = jest.spyOn(app.get(LiveTickBuilder), 'build');
      try {
        await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * 4));
        expect(build).not.toHaveBeenCalled();
      } finally {
        build.mockRestore();
      }
    });

    it('counts closed streams as requests but keeps their duration out of the latency figures', async () => {
      const timedStreams = async (): Promise<number> => {
        const { body } = await request(app.getHttpServer()).get('/v1/monitoring/summary?window=1h&routes=100').set(reader).expect(200);
        return (body as { routes: Array<{ route: string; requests: number }> }).routes.filter((route) => route.route === '/v1/monitoring/stream').reduce((sum, route) => sum + route.requests, 0);
      };
      const before = await timedStreams();
      const stream = await openLiveStream(app, reader);
      await stream.ticks(1);
      stream.close();
      await waitFor(async () => (await gaugeValue(app, CLIENTS)) === 0, 'the stream to close');
      const { text } = await request(app.getHttpServer()).get('/metrics').expect(200);
      expect(text).toMatch(/^bulwark_http_requests_total\{method="GET",route="\/v1\/monitoring\/stream",status="499"\} [1-9]/m);
      expect(text).not.toMatch(/bulwark_http_request_duration_seconds_count\{[^}]*route="\/v1\/monitoring\/stream",status="499"/);
      expect(await timedStreams()).toBe(before);
    });

    it(`refuses stream ${MAX_LIVE_STREAMS + 1} with a 503 problem and Retry-After, and serves again once one closes`, async () => {
      const streams: LiveStream[] = [];
      try {
        for (let i = 0; i < MAX_LIVE_STREAMS; i += 1) {
          streams.push(await openLiveStream(app, reader));
        }
        expect(streams.every((stream) => stream.response.status === 200)).toBe(true);
        const refused = await request(app.getHttpServer()).get('/v1/monitoring/stream').set(reader).set('Accept', 'text/event-stream').expect(503);
        expect(refused.headers['retry-after']).toBe('5');
        expect(refused.body.code).toBe('MONITORING.STREAM_CAPACITY');
        streams.pop()!.close();
        await waitFor(async () => (await gaugeValue(app, CLIENTS)) === MAX_LIVE_STREAMS - 1, 'a slot to free up');
        const again = await openLiveStream(app, reader);
        streams.push(again);
        expect(again.response.status).toBe(200);
      } finally {
        streams.forEach((stream) => stream.close());
      }
      await waitFor(async () => (await gaugeValue(app, CLIENTS)) === 0, 'every stream to close');
    });
  });
});
