import { testDatabase, testRedisUrl, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';

import { Scope } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { upload, type AssetBody } from '../support/cdn/cdn-client.js';
import { FixturesController } from '../support/fixtures.controller.js';
import { bearer, issueAdminKey, issueApiKey } from '../support/principals.js';
import { promtool } from '../support/promtool.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: string;
}

function samplesOf(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [, name = '', labels = '', value = ''] = SAMPLE.exec(line) ?? [];
      return { name, value, labels: Object.fromEntries([...labels.matchAll(LABEL)].map(([, key = '', label = '']) => [key, label])) };
    });
}

const familiesOf = (text: string): string[] => [...text.matchAll(/^# TYPE (\S+) \S+$/gm)].map(([, name = '']) => name);

describe('GET /metrics under promtool', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let text: string;
  const http = (): ReturnType<typeof request> => request(app.getHttpServer());

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp({ DATABASE_URL: db.url, REDIS_URL: testRedisUrl() }, [FixturesController]);
    await driveTraffic();
    text = (await http().get('/metrics').expect(200)).text;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  /** Successes, client errors, a server error, cache and CDN calls, and raw ids in paths that must not become labels. */
  async function driveTraffic(): Promise<void> {
    const admin = bearer(await issueAdminKey(app));
    const cache = bearer(await issueApiKey(app, { scopes: [Scope.CACHE_READ, Scope.CACHE_WRITE], name: 'cache user' }));
    const id = randomUUID();
    await http().get('/health/live').expect(200);
    await http().get('/v1/system/info').set(admin).expect(200);
    await http().get('/v1/system/info').expect(401);
    await http().get(`/v1/security/ip-blocks/${id}`).set(admin).expect(404);
    await http().get(`/v1/no-such-route/${id}`).set(admin).expect(404);
    await http().post('/fixtures/echo').send({ title: 1 }).expect(400);
    await http().get('/fixtures/boom').expect(500);
    await http().put(`/v1/cache/entries/users/${id}`).set(cache).send({ value: { name: 'Mary' } }).expect(200);
    await http().get(`/v1/cache/entries/users/${id}`).set(cache).expect(200);
    await http().get(`/v1/cache/entries/users/${randomUUID()}`).set(cache).expect(404);
    const asset = await upload(app, admin, { name: 'note.txt', body: 'hello metrics', contentType: 'text/plain' }).expect(201);
    await http().get((asset.body as AssetBody).urls.immutable).expect(200);
    await http().get(`/cdn/${id}/missing.txt`).expect(404);
  }

  it('passes `promtool check metrics` without a single lint problem', async () => {
    const result = await promtool(['check', 'metrics'], text);

    expect(result.output.trim()).toBe('');
    expect(result.code).toBe(0);
  });

  it('names every metric family bulwark_*', () => {
    const families = familiesOf(text);

    expect(families.length).toBeGreaterThan(20);
    expect(families.filter((name) => !name.startsWith('bulwark_'))).toEqual([]);
  });

  it('keeps label values bounded: no raw ids or query strings, routes as templates', () => {
    const samples = samplesOf(text);
    const leaks = samples.flatMap(({ name, labels }) =>
      Object.entries(labels)
        .filter(([, value]) => UUID.test(value) || value.includes('?'))
        .map(([key, value]) => `${name}{${key}="${value}"}`),
    );

    expect(samples.length).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  });

  it('counts HTTP requests per route template, method and status, with a duration histogram beside them', () => {
    const requests = samplesOf(text).filter(({ name }) => name === 'bulwark_http_requests_total').map(({ labels }) => labels);
    const routes = new Set(requests.map(({ route }) => route));

    expect(requests).toEqual(
      expect.arrayContaining([
        { method: 'GET', route: '/v1/system/info', status: '200' },
        { method: 'GET', route: '/v1/security/ip-blocks/:id', status: '404' },
        { method: 'GET', route: '/fixtures/boom', status: '500' },
        { method: 'POST', route: '/fixtures/echo', status: '400' },
        { method: 'PUT', route: '/v1/cache/entries/:namespace/:key', status: '200' },
        { method: 'GET', route: '/cdn/*', status: '200' },
        { method: 'GET', route: 'unmatched', status: '404' },
      ]),
    );
    expect([...routes].filter((route) => route !== 'unmatched' && route !== '/cdn/*' && !route?.startsWith('/'))).toEqual([]);
    const boom = samplesOf(text).filter(({ name, labels }) => name === 'bulwark_http_request_duration_seconds_bucket' && labels.route === '/fixtures/boom');
    expect(boom.find(({ labels }) => labels.le === '+Inf')?.value).toBe('1');
  });
});
