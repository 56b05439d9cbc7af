import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';

import { ALERTS_LOCK_KEY, AlertScheduler } from '../../src/modules/monitoring/alerts/engine/alert-scheduler.service.js';
import { Scope } from '../../src/modules/security/index.js';
import { type AlertPayload, notificationsAbout, waitForNotifications } from '../support/alerts/alert-notifications.js';
import { bootApp } from '../support/app.js';
import { FixturesController } from '../support/fixtures.controller.js';
import { bearer, issueApiKey } from '../support/principals.js';
import { waitFor } from '../support/wait-for.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

interface AlertBody {
  id: string;
  state: string;
  value: number | null;
  silenced: boolean;
  silencedBy: string[];
  resolvedAt: string | null;
  lastNotifiedAt: string | null;
}

const HOUR = 3_600_000;
const RSS = 'bulwark_process_resident_memory_bytes';

describe('alerting over the real app (rule → pending → firing → webhook → resolved)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let receiver: WebhookReceiver;
  let writer: Record<string, string>;
  let channelId: string;
  const http = (): ReturnType<typeof request> => request(app.getHttpServer());
  const evaluate = (): Promise<boolean> => app.get(AlertScheduler).evaluateNow();

  async function createRule(name: string, extra: object = {}): Promise<string> {
    const body = { name, signal: 'metric', metric: RSS, comparator: '>', threshold: 1, channelIds: [channelId], repeatIntervalMs: HOUR, ...extra };
    return ((await http().post('/v1/monitoring/alert-rules').set(writer).send(body).expect(201)).body as { id: string }).id;
  }

  async function alertsOf(ruleId: string): Promise<AlertBody[]> {
    return ((await http().get(`/v1/monitoring/alerts?ruleId=${ruleId}`).set(writer).expect(200)).body as { items: AlertBody[] }).items;
  }

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    db = await testDatabase();
    app = await bootApp({
      DATABASE_URL: db.url,
      MONITORING_WEBHOOK_ALLOWLIST: '127.0.0.1',
      MONITORING_ALERT_EVAL_INTERVAL_MS: '1000',
      MONITORING_ALERT_GROUP_WAIT_MS: '0',
      MONITORING_ALERT_GROUP_INTERVAL_MS: '0',
    }, [FixturesController]);
    writer = bearer(await issueApiKey(app, { scopes: [Scope.MONITORING_READ, Scope.MONITORING_WRITE] }));
    const channel = await http().post('/v1/monitoring/channels').set(writer).send({ name: 'receiver', kind: 'webhook', url: receiver.url, bearerToken: 'hook-token-1' }).expect(201);
    channelId = (channel.body as { id: string }).id;
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
    await receiver.close();
  });

  it('fires on the interval, sends an Alertmanager v4 payload, and sends the resolution when the condition stops', async () => {
    const ruleId = await createRule('RssHigh', { severity: 'critical', labels: { team: 'core' }, annotations: { summary: 'RSS {{ $value }} on {{ $labels.team }}' } });

    const [firing] = await waitForNotifications(receiver, 'RssHigh', 'firing');
    expect(firing).toMatchObject({ version: '4', status: 'firing', receiver: 'receiver', groupLabels: { alertname: 'RssHigh' } });
    expect(firing!.commonLabels).toEqual({ alertname: 'RssHigh', severity: 'critical', team: 'core' });
    expect(firing!.alerts).toHaveLength(1);
    expect(firing!.alerts[0]!.annotations.summary).toMatch(/^RSS \d+ on core$/);
    expect(firing!.alerts[0]).toMatchObject({ status: 'firing', endsAt: '0001-01-01T00:00:00Z', fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) as string });
    expect((await alertsOf(ruleId))[0]).toMatchObject({ state: 'firing', silenced: false });

    await http().patch(`/v1/monitoring/alert-rules/${ruleId}`).set(writer).send({ threshold: 1e15 }).expect(200);
    const payloads = await waitForNotifications(receiver, 'RssHigh', 'resolved');
    const resolved = payloads.find((p) => p.status === 'resolved')!;
    expect(resolved.alerts[0]).toMatchObject({ status: 'resolved', fingerprint: firing!.alerts[0]!.fingerprint });
    expect(resolved.alerts[0]!.endsAt).not.toBe('0001-01-01T00:00:00Z');
    // Evaluation commits before dispatch: the alert a notification is about can already be read.
    expect((await alertsOf(ruleId))[0]).toMatchObject({ state: 'resolved', resolvedAt: expect.any(String) as string });
    expect(payloads.filter((p) => p.status === 'firing')).toHaveLength(1);
  });

  it('authenticates to the webhook with the channel bearer token', () => {
    expect(receiver.received[0]!.headers.authorization).toBe('Bearer hook-token-1');
  });

  it('fires on the HTTP error rate of one route that answers 5xx', async () => {
    const ruleId = await createRule('BoomErrors', { signal: 'http.error_rate', metric: undefined, route: '/fixtures/boom', method: 'GET', window: '1m', threshold: 0.5 });
    await evaluate();
    expect(await alertsOf(ruleId)).toEqual([]);

    for (let i = 0; i < 3; i += 1) {
      await http().get('/fixtures/boom').expect(500);
    }
    const [payload] = await waitForNotifications(receiver, 'BoomErrors', 'firing');
    expect(payload!.alerts[0]).toMatchObject({ status: 'firing' });
    expect((await alertsOf(ruleId))[0]).toMatchObject({ state: 'firing', value: 1 });
  });

  it('previews a rule: the signal now and whether the condition holds, changing no alert', async () => {
    const ruleId = await createRule('RssPreview', { enabled: false });
    const preview = await http().post(`/v1/monitoring/alert-rules/${ruleId}/test`).set(writer).expect(200);

    expect(preview.body).toEqual({ value: expect.any(Number) as number, conditionHolds: true });
    expect(await alertsOf(ruleId)).toEqual([]);
  });

  it('keeps an alert pending (not notified) until `for` has elapsed, and drops it when the rule is disabled', async () => {
    const ruleId = await createRule('RssPending', { forMs: HOUR });
    await evaluate();

    expect((await alertsOf(ruleId)).map((a) => a.state)).toEqual(['pending']);
    expect(notificationsAbout(receiver, 'RssPending')).toEqual([]);

    await http().patch(`/v1/monitoring/alert-rules/${ruleId}`).set(writer).send({ enabled: false }).expect(200);
    await evaluate();
    expect(await alertsOf(ruleId)).toEqual([]);
  });

  it('does not notify a silenced alert but lists it as silenced, and notifies once the silence is expired', async () => {
    const endsAt = new Date(Date.now() + HOUR).toISOString();
    const silence = await http()
      .post('/v1/monitoring/silences')
      .set(writer)
      .send({ matchers: [{ name: 'alertname', value: 'RssSilenced' }, { name: 'severity', value: 'info', isEqual: false }], endsAt, comment: 'maintenance' })
      .expect(201);
    const silenceId = (silence.body as { id: string }).id;
    const ruleId = await createRule('RssSilenced');
    await evaluate();
    await evaluate();

    const [alert] = await alertsOf(ruleId);
    expect(alert).toMatchObject({ state: 'firing', silenced: true, silencedBy: [silenceId], lastNotifiedAt: null });
    expect(notificationsAbout(receiver, 'RssSilenced')).toEqual([]);

    await http().delete(`/v1/monitoring/silences/${silenceId}`).set(writer).expect(200);
    await waitForNotifications(receiver, 'RssSilenced', 'firing');
  });

  it('re-sends a still-firing group after its repeat interval', async () => {
    const ruleId = await createRule('RssRepeat', { repeatIntervalMs: 1_000 });

    const payloads = await waitForNotifications(receiver, 'RssRepeat', 'firing', 2);
    expect(new Set(payloads.map((p) => p.alerts[0]!.fingerprint)).size).toBe(1);
    await http().delete(`/v1/monitoring/alert-rules/${ruleId}`).set(writer).expect(204);
  });

  it('retries a refused delivery on the next evaluation and counts the failure', async () => {
    const failures = async (): Promise<number> => {
      const match = /^bulwark_monitoring_alert_notifications_failed_total\{kind="webhook"\} (\d+)$/m.exec((await http().get('/metrics')).text);
      return Number(match?.[1] ?? 0);
    };
    const failedBefore = await failures();
    receiver.respondWith(500);
    await createRule('RssRetry');
    await waitFor(() => notificationsAbout(receiver, 'RssRetry').length > 0, 'a refused notification');
    receiver.respondWith(200);
    const refused = notificationsAbout(receiver, 'RssRetry').length;

    // Only a delivery after the switch to 200 can have been accepted: it is the retry.
    await waitForNotifications(receiver, 'RssRetry', 'firing', refused + 1);
    expect(await failures()).toBeGreaterThan(failedBefore);
  });

  it('lets only the instance holding the advisory lock evaluate', async () => {
    const other = app.get(DataSource).createQueryRunner();
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock($1)', [ALERTS_LOCK_KEY]);
      expect(await evaluate()).toBe(false);
      await other.query('SELECT pg_advisory_unlock($1)', [ALERTS_LOCK_KEY]);
      expect(await evaluate()).toBe(true);
    } finally {
      await other.release();
    }
  });

  it('notifies once when two instances share the database and evaluate at the same time', async () => {
    const second = await bootApp({ DATABASE_URL: db.url, MONITORING_WEBHOOK_ALLOWLIST: '127.0.0.1', MONITORING_ALERT_GROUP_WAIT_MS: '0', MONITORING_ALERT_GROUP_INTERVAL_MS: '0' });
    try {
      await createRule('RssShared');
      const scheduler = second.get(AlertScheduler);
      for (let round = 0; round < 5; round += 1) {
        await Promise.all([evaluate(), scheduler.evaluateNow()]);
      }

      await waitForNotifications(receiver, 'RssShared', 'firing');
      expect(notificationsAbout(receiver, 'RssShared')).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('drops resolved alerts after 30 days unless a channel still waits for their resolution', async () => {
    const ruleId = await createRule('RssHistory', { threshold: 1e15 });
    const insert = (id: string, deliveries: object): Promise<unknown> =>
      app.get(DataSource).query(
        `INSERT INTO alerts (id, rule_id, fingerprint, state, active_at, resolved_at, last_evaluated_at, deliveries, labels, annotations)
         VALUES ($1, $2, 'aaaaaaaaaaaaaaaa', 'resolved', now() - interval '32 days', now() - interval '31 days', now(), $3, '{}', '{}')`,
        [id, ruleId, JSON.stringify(deliveries)],
      );
    // Refused from before the rows exist: the scheduler's own evaluations must not deliver the resolution either.
    receiver.respondWith(500);
    try {
      await insert('10000000-0000-4000-8000-000000000001', {});
      await insert('10000000-0000-4000-8000-000000000002', { [channelId]: { status: 'firing', at: '2026-01-01T00:00:00.000Z' } });
      await evaluate();
      // The first is history past keeping; the second still owes the channel its resolution, which was refused.
      expect((await alertsOf(ruleId)).map((a) => a.id)).toEqual(['10000000-0000-4000-8000-000000000002']);
    } finally {
      receiver.respondWith(200);
    }

    await evaluate();
    expect(await alertsOf(ruleId)).toEqual([]);
    // The scheduler also evaluates every second, so the refused resolution may have been retried more than once:
    // every attempt is about the one alert that owed it, and the first one accepted is the last one sent.
    const attempts = receiver.received.filter((r) => (r.json as AlertPayload | undefined)?.groupLabels.alertname === 'RssHistory');
    const payloads = attempts.map((r) => r.json as AlertPayload);
    expect(payloads.map((p) => [p.status, p.alerts.length])).toEqual(payloads.map(() => ['resolved', 1]));
    expect(attempts.map((r) => r.answeredWith === 200)).toEqual([...attempts.slice(1).map(() => false), true]);
    expect(attempts.length).toBeGreaterThanOrEqual(2);
  });

  it('exposes alert states and evaluation time as metrics', async () => {
    await evaluate();
    const text = (await http().get('/metrics')).text;

    expect(text).toMatch(/^bulwark_monitoring_alerts\{state="firing"\} [1-9]\d*$/m);
    expect(text).toMatch(/^bulwark_monitoring_alert_evaluation_duration_seconds_count [1-9]\d*$/m);
    expect(text).toMatch(/^bulwark_monitoring_notifications_total\{channel="webhook",result="sent"\} [1-9]\d*$/m);
  });
});
