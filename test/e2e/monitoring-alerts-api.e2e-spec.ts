import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';

import { Scope } from '../../src/modules/security/index.js';
import { waitForNotifications } from '../support/alerts/alert-notifications.js';
import { bootApp } from '../support/app.js';
import { bearer, issueApiKey } from '../support/principals.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const SECRET_TOKEN = 'very-secret-token-42';

function expectProblem(response: request.Response, status: number, code: string): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, code });
}

const fieldsOf = (response: request.Response): string[] => ((response.body as { errors?: Array<{ field: string }> }).errors ?? []).map((e) => e.field);

describe('monitoring alert API (rules, alerts, silences, channels)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let receiver: WebhookReceiver;
  let writer: Record<string, string>;
  let reader: Record<string, string>;
  const http = (): ReturnType<typeof request> => request(app.getHttpServer());

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    db = await testDatabase();
    // A long interval: these tests look at the API, not at evaluation.
    app = await bootApp({ DATABASE_URL: db.url, MONITORING_WEBHOOK_ALLOWLIST: '127.0.0.1', MONITORING_ALERT_EVAL_INTERVAL_MS: '3600000' });
    writer = bearer(await issueApiKey(app, { scopes: [Scope.MONITORING_READ, Scope.MONITORING_WRITE], name: 'writer' }));
    reader = bearer(await issueApiKey(app, { scopes: [Scope.MONITORING_READ], name: 'reader' }));
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
    await receiver.close();
  });

  describe('/v1/monitoring/channels', () => {
    let channelId: string;

    it('creates a webhook channel and never shows its URL or token', async () => {
      const created = await http().post('/v1/monitoring/channels').set(writer).send({ name: 'ops', kind: 'webhook', url: `${receiver.url}?key=${SECRET_TOKEN}`, bearerToken: SECRET_TOKEN }).expect(201);
      channelId = (created.body as { id: string }).id;
      const listed = await http().get('/v1/monitoring/channels').set(reader).expect(200);
      const one = await http().get(`/v1/monitoring/channels/${channelId}`).set(reader).expect(200);

      expect(created.body).toEqual({ id: channelId, name: 'ops', kind: 'webhook', description: new URL(receiver.url).host, createdAt: expect.any(String) as string });
      expect(one.body).toEqual(created.body);
      for (const text of [created.text, listed.text, one.text]) {
        expect(text).not.toContain(SECRET_TOKEN);
        expect(text).not.toContain('/alerts');
      }
      const [row] = await app.get(DataSource).query<Array<{ secret: string }>>('SELECT secret FROM notification_channels WHERE id = $1', [channelId]);
      expect(row!.secret).not.toContain(SECRET_TOKEN);
    });

    it('sends a test notification to the channel', async () => {
      await http().post(`/v1/monitoring/channels/${channelId}/test`).set(writer).expect(200, { sent: true });
      const [test] = await waitForNotifications(receiver, 'BulwarkTestNotification', 'firing');

      expect(test).toMatchObject({ version: '4', receiver: 'ops', status: 'firing' });
    });

    it('answers 502 when the receiver refuses the test notification', async () => {
      receiver.respondWith(503);
      try {
        expectProblem(await http().post(`/v1/monitoring/channels/${channelId}/test`).set(writer), 502, 'MONITORING.NOTIFICATION_FAILED');
      } finally {
        receiver.respondWith(200);
      }
    });

    it('refuses a private, not allowlisted target with 422', async () => {
      expectProblem(await http().post('/v1/monitoring/channels').set(writer).send({ name: 'internal', kind: 'webhook', url: 'http://10.0.0.1/hook' }), 422, 'MONITORING.FORBIDDEN_TARGET');
    });

    it('refuses an email channel with 422 while no SMTP server is configured', async () => {
      expectProblem(await http().post('/v1/monitoring/channels').set(writer).send({ name: 'mail', kind: 'email', to: ['oncall@example.com'] }), 422, 'MONITORING.EMAIL_NOT_CONFIGURED');
    });

    it('refuses bad input with 400 and the fields at fault', async () => {
      const noUrl = await http().post('/v1/monitoring/channels').set(writer).send({ name: 'x', kind: 'slack' });
      expectProblem(noUrl, 400, 'COMMON.VALIDATION_FAILED');
      expect(fieldsOf(noUrl)).toContain('url');
      const mixed = await http().post('/v1/monitoring/channels').set(writer).send({ name: 'x', kind: 'email', to: ['a@example.com'], url: 'https://example.com/' });
      expectProblem(mixed, 400, 'MONITORING.INVALID_CHANNEL');
      expect(fieldsOf(mixed)).toEqual(['url']);
      expectProblem(await http().post('/v1/monitoring/channels').set(writer).send({ name: 'x', kind: 'pager', url: 'https://example.com/' }), 400, 'COMMON.VALIDATION_FAILED');
    });

    it('answers 409 for a taken name, 404 for an unknown id and 403 to a reader that writes', async () => {
      expectProblem(await http().post('/v1/monitoring/channels').set(writer).send({ name: 'ops', kind: 'webhook', url: receiver.url }), 409, 'DATABASE.UNIQUE_VIOLATION');
      expectProblem(await http().get(`/v1/monitoring/channels/${UNKNOWN}`).set(reader), 404, 'MONITORING.CHANNEL_NOT_FOUND');
      expectProblem(await http().post(`/v1/monitoring/channels/${UNKNOWN}/test`).set(writer), 404, 'MONITORING.CHANNEL_NOT_FOUND');
      expectProblem(await http().post('/v1/monitoring/channels').set(reader).send({ name: 'r', kind: 'webhook', url: receiver.url }), 403, 'SECURITY.INSUFFICIENT_SCOPE');
    });
  });

  describe('/v1/monitoring/alert-rules', () => {
    const rule = { name: 'ErrorRate', signal: 'http.error_rate', comparator: '>', threshold: 0.05, forMs: 60_000 };

    it('creates, reads, lists page by page, updates and deletes a rule', async () => {
      const created = await http().post('/v1/monitoring/alert-rules').set(writer).send(rule).expect(201);
      const id = (created.body as { id: string }).id;
      expect(created.body).toMatchObject({ ...rule, aggregation: 'value', window: '5m', severity: 'warning', enabled: true, channelIds: [], repeatIntervalMs: null });
      await http().post('/v1/monitoring/alert-rules').set(writer).send({ ...rule, name: 'Latency', signal: 'http.latency_ms', route: '/v1/x', method: 'get' }).expect(201);

      const first = await http().get('/v1/monitoring/alert-rules?limit=1').set(reader).expect(200);
      const cursor = (first.body as { nextCursor: string }).nextCursor;
      const second = await http().get(`/v1/monitoring/alert-rules?limit=1&cursor=${cursor}`).set(reader).expect(200);
      expect([...(first.body as { items: Array<{ name: string }> }).items, ...(second.body as { items: Array<{ name: string }> }).items].map((r) => r.name)).toEqual(['Latency', 'ErrorRate']);

      const patched = await http().patch(`/v1/monitoring/alert-rules/${id}`).set(writer).send({ threshold: 0.1, severity: 'critical' }).expect(200);
      expect(patched.body).toMatchObject({ threshold: 0.1, severity: 'critical', forMs: 60_000 });
      await http().get(`/v1/monitoring/alert-rules/${id}`).set(reader).expect(200);
      await http().delete(`/v1/monitoring/alert-rules/${id}`).set(writer).expect(204);
      expectProblem(await http().get(`/v1/monitoring/alert-rules/${id}`).set(reader), 404, 'MONITORING.ALERT_RULE_NOT_FOUND');
    });

    it('refuses an aggregation the signal does not support with 400 naming the field', async () => {
      const response = await http().post('/v1/monitoring/alert-rules').set(writer).send({ ...rule, name: 'Bad', aggregation: 'p99' });

      expectProblem(response, 400, 'MONITORING.INVALID_RULE');
      expect(fieldsOf(response)).toEqual(['aggregation']);
    });

    it('refuses a metric rule without a metric, unknown channels, unknown fields and a bad comparator', async () => {
      expect(fieldsOf(await http().post('/v1/monitoring/alert-rules').set(writer).send({ ...rule, name: 'NoMetric', signal: 'metric' }).expect(400))).toEqual(['metric']);
      expect(fieldsOf(await http().post('/v1/monitoring/alert-rules').set(writer).send({ ...rule, name: 'NoChannel', channelIds: [UNKNOWN] }).expect(400))).toEqual(['channelIds']);
      expect(fieldsOf(await http().post('/v1/monitoring/alert-rules').set(writer).send({ ...rule, name: 'Extra', admin: true }).expect(400))).toEqual(['admin']);
      expect(fieldsOf(await http().post('/v1/monitoring/alert-rules').set(writer).send({ ...rule, name: 'Cmp', comparator: '=>' }).expect(400))).toEqual(['comparator']);
      expect(fieldsOf(await http().post('/v1/monitoring/alert-rules').set(writer).send({ ...rule, name: 'Labels', labels: { 'bad-name': 'x' } }).expect(400))).toEqual(['labels']);
    });

    it('checks a patched rule as a whole and answers 409 for a taken name', async () => {
      const id = ((await http().post('/v1/monitoring/alert-rules').set(writer).send({ ...rule, name: 'Patchy' }).expect(201)).body as { id: string }).id;

      expect(fieldsOf(await http().patch(`/v1/monitoring/alert-rules/${id}`).set(writer).send({ aggregation: 'p95' }).expect(400))).toEqual(['aggregation']);
      expectProblem(await http().patch(`/v1/monitoring/alert-rules/${id}`).set(writer).send({ name: 'Latency' }), 409, 'DATABASE.UNIQUE_VIOLATION');
      expect(fieldsOf(await http().patch(`/v1/monitoring/alert-rules/${id}`).set(writer).send({ name: null, threshold: null }).expect(400))).toEqual(['name', 'threshold']);
      expect((await http().patch(`/v1/monitoring/alert-rules/${id}`).set(writer).send({ repeatIntervalMs: 60_000 }).expect(200)).body).toMatchObject({ repeatIntervalMs: 60_000 });
      expect((await http().patch(`/v1/monitoring/alert-rules/${id}`).set(writer).send({ repeatIntervalMs: null }).expect(200)).body).toMatchObject({ repeatIntervalMs: null });
      expectProblem(await http().patch(`/v1/monitoring/alert-rules/${UNKNOWN}`).set(writer).send({ threshold: 1 }), 404, 'MONITORING.ALERT_RULE_NOT_FOUND');
    });
  });

  describe('/v1/monitoring/silences', () => {
    const endsAt = (): string => new Date(Date.now() + 3_600_000).toISOString();

    it('creates, lists, reads and expires a silence', async () => {
      const created = await http().post('/v1/monitoring/silences').set(writer).send({ matchers: [{ name: 'alertname', value: 'ErrorRate' }], endsAt: endsAt(), comment: 'deploy' }).expect(201);
      const id = (created.body as { id: string }).id;
      expect(created.body).toMatchObject({ status: 'active', createdBy: 'api-key:writer', comment: 'deploy', matchers: [{ name: 'alertname', value: 'ErrorRate', isEqual: true }] });

      expect(((await http().get('/v1/monitoring/silences').set(reader).expect(200)).body as { items: unknown[] }).items).toHaveLength(1);
      expect((await http().delete(`/v1/monitoring/silences/${id}`).set(writer).expect(200)).body).toMatchObject({ id, status: 'expired' });
      expect((await http().get(`/v1/monitoring/silences/${id}`).set(reader).expect(200)).body).toMatchObject({ status: 'expired' });
    });

    it('refuses regex matchers, a silence ending in the past and one that would mute everything', async () => {
      const matchers = [{ name: 'alertname', value: 'X' }];
      expect(fieldsOf(await http().post('/v1/monitoring/silences').set(writer).send({ matchers: [{ ...matchers[0], isRegex: true }], endsAt: endsAt() }).expect(400))).toEqual(['matchers.0.isRegex']);
      expectProblem(await http().post('/v1/monitoring/silences').set(writer).send({ matchers, endsAt: '2020-01-01T00:00:00Z' }), 400, 'MONITORING.INVALID_SILENCE');
      expectProblem(await http().post('/v1/monitoring/silences').set(writer).send({ matchers: [{ name: 'team', value: '' }], endsAt: endsAt() }), 400, 'MONITORING.INVALID_SILENCE');
      expectProblem(await http().post('/v1/monitoring/silences').set(writer).send({ matchers: [], endsAt: endsAt() }), 400, 'COMMON.VALIDATION_FAILED');
      expectProblem(await http().delete(`/v1/monitoring/silences/${UNKNOWN}`).set(writer), 404, 'MONITORING.SILENCE_NOT_FOUND');
    });
  });

  describe('/v1/monitoring/alerts', () => {
    it('lists alerts, refuses an unknown state and answers 404 for an unknown id', async () => {
      await http().get('/v1/monitoring/alerts?state=firing').set(reader).expect(200, { items: [], nextCursor: null });
      expectProblem(await http().get('/v1/monitoring/alerts?state=burning').set(reader), 400, 'COMMON.VALIDATION_FAILED');
      expectProblem(await http().get(`/v1/monitoring/alerts/${UNKNOWN}`).set(reader), 404, 'MONITORING.ALERT_NOT_FOUND');
      expectProblem(await http().get('/v1/monitoring/alerts?cursor=garbage').set(reader), 400, 'COMMON.INVALID_CURSOR');
    });
  });
});
