import { CommonModule, MetricsRegistry } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { testConfig } from '@app/testing';
import { Test, type TestingModule } from '@nestjs/testing';

import { MonitoringException, MonitoringExceptionCode } from '../../src/modules/monitoring/monitoring.exception.js';
import { AlertNotifier, type ChannelTarget, NotifyModule } from '../../src/modules/monitoring/notify/index.js';
import { HostResolver, type ResolvedAddress } from '../../src/modules/monitoring/notify/target/host-resolver.js';
import { buildAlertGroupNotification, buildNotifiedAlert, NOT_ENDED } from '../../src/modules/monitoring/notify/testing/alert-notification.builder.js';
import { freePort } from '../support/free-port.js';
import { SmtpReceiver } from '../support/smtp-receiver.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

const TIMEOUT_MS = 400;
const BEARER = 'wh-token-7f3a9c';
const HOSTILE = '<img src=x onerror="alert(1)"> & co';

interface Notifiers {
  moduleRef: TestingModule;
  notifier: AlertNotifier;
  registry: MetricsRegistry;
}

/** Names no real DNS knows, answered from a table: whatever connects must use the checked answer, not resolve again. */
class TableResolver extends HostResolver {
  constructor(private readonly table: Record<string, ResolvedAddress[]>) {
    super();
  }

  resolve(host: string): Promise<ResolvedAddress[]> {
    return Promise.resolve(this.table[host] ?? []);
  }
}

async function createNotifiers(env: Record<string, string>, resolver?: HostResolver): Promise<Notifiers> {
  let builder = Test.createTestingModule({ imports: [CommonModule, ConfigModule, NotifyModule] })
    .overrideProvider(AppConfig)
    .useValue(testConfig({ MONITORING_NOTIFY_TIMEOUT_MS: String(TIMEOUT_MS), ...env }));
  if (resolver) {
    builder = builder.overrideProvider(HostResolver).useValue(resolver);
  }
  const moduleRef = await builder.compile();
  await moduleRef.init();
  return { moduleRef, notifier: moduleRef.get(AlertNotifier), registry: moduleRef.get(MetricsRegistry) };
}

async function failure(promise: Promise<unknown>): Promise<MonitoringException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MonitoringException) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the notification to fail');
}

async function counted(registry: MetricsRegistry, channel: string, result: string): Promise<number> {
  const metric = await registry.getSingleMetric('bulwark_monitoring_notifications_total')!.get();
  return metric.values.find((value) => value.labels.channel === channel && value.labels.result === result)?.value ?? 0;
}

describe(AlertNotifier.name, () => {
  let receiver: WebhookReceiver;
  let smtp: SmtpReceiver;
  let notifiers: Notifiers;

  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
    smtp = await SmtpReceiver.start();
    notifiers = await createNotifiers({ MONITORING_WEBHOOK_ALLOWLIST: '127.0.0.1', MONITORING_SMTP_URL: smtp.url, MONITORING_SMTP_FROM: 'Bulwark <alerts@bulwark.test>' });
  });

  afterEach(async () => {
    await notifiers.moduleRef.close();
    await receiver.close();
    await smtp.close();
  });

  describe('send (webhook)', () => {
    it('posts exactly the Alertmanager v4 message with the bearer token', async () => {
      const notification = buildAlertGroupNotification({
        alerts: [buildNotifiedAlert(), buildNotifiedAlert({ status: 'resolved', fingerprint: 'ffff0000', endsAt: '2026-11-23T01:20:00.000Z' })],
        truncatedAlerts: 2,
      });

      await notifiers.notifier.send({ kind: 'webhook', url: receiver.url, bearerToken: BEARER }, notification);

      expect(receiver.received).toHaveLength(1);
      const [request] = receiver.received;
      expect(request!.method).toBe('POST');
      expect(request!.path).toBe('/webhook');
      expect(request!.headers['content-type']).toBe('application/json');
      expect(request!.headers.authorization).toBe(`Bearer ${BEARER}`);
      expect(request!.body).toBe(
        JSON.stringify({
          receiver: 'ops',
          status: 'firing',
          alerts: [
            {
              status: 'firing',
              labels: { alertname: 'HighLatency', route: 'GET /v1/items', severity: 'critical' },
              annotations: { summary: 'p95 latency above 500 ms', description: 'GET /v1/items p95 is 812 ms over the last 5 minutes.' },
              startsAt: '2026-11-23T01:00:00.000Z',
              endsAt: NOT_ENDED,
              generatorURL: 'http://bulwark.example.com/v1/monitoring/alert-rules/1',
              fingerprint: 'a1b2c3d4e5f60718',
            },
            {
              status: 'resolved',
              labels: { alertname: 'HighLatency', route: 'GET /v1/items', severity: 'critical' },
              annotations: { summary: 'p95 latency above 500 ms', description: 'GET /v1/items p95 is 812 ms over the last 5 minutes.' },
              startsAt: '2026-11-23T01:00:00.000Z',
              endsAt: '2026-11-23T01:20:00.000Z',
              generatorURL: 'http://bulwark.example.com/v1/monitoring/alert-rules/1',
              fingerprint: 'ffff0000',
            },
          ],
          groupLabels: { alertname: 'HighLatency' },
          commonLabels: { alertname: 'HighLatency', route: 'GET /v1/items', severity: 'critical' },
          commonAnnotations: { summary: 'p95 latency above 500 ms', description: 'GET /v1/items p95 is 812 ms over the last 5 minutes.' },
          externalURL: 'http://bulwark.example.com',
          version: '4',
          groupKey: '{}:{alertname="HighLatency"}',
          truncatedAlerts: 2,
        }),
      );
      await expect(counted(notifiers.registry, 'webhook', 'sent')).resolves.toBe(1);
    });

    it('sends no Authorization header without a bearer token', async () => {
      await notifiers.notifier.send({ kind: 'webhook', url: receiver.url }, buildAlertGroupNotification());

      expect(receiver.received[0]!.headers).not.toHaveProperty('authorization');
    });

    it('fails with the receiver\'s status, and neither the URL nor the token, when it answers 500', async () => {
      receiver.respondWith(500, `internal error for ${BEARER}`);

      const error = await failure(notifiers.notifier.send({ kind: 'webhook', url: `${receiver.url}?key=s3cret`, bearerToken: BEARER }, buildAlertGroupNotification()));

      expect(error.code).toBe(MonitoringExceptionCode.NOTIFICATION_FAILED);
      expect(error.status).toBe(502);
      expect(error.detail).toBe('The webhook receiver answered HTTP 500.');
      expect(JSON.stringify({ ...error, message: error.message })).not.toMatch(/s3cret|127\.0\.0\.1|wh-token/);
      await expect(counted(notifiers.registry, 'webhook', 'failed')).resolves.toBe(1);
    });

    it('gives up on a receiver that does not answer within the timeout', async () => {
      receiver.stallNext(1);

      const error = await failure(notifiers.notifier.send({ kind: 'webhook', url: receiver.url }, buildAlertGroupNotification()));

      expect(error.code).toBe(MonitoringExceptionCode.NOTIFICATION_FAILED);
      expect(error.detail).toBe(`The webhook receiver could not be reached: no answer within ${TIMEOUT_MS} ms.`);
      expect(receiver.received).toHaveLength(1);
    });

    it('does not follow a redirect, which could lead past the address check', async () => {
      receiver.respondWith(307, '');

      const error = await failure(notifiers.notifier.send({ kind: 'webhook', url: receiver.url }, buildAlertGroupNotification()));

      expect(error.detail).toBe('The webhook receiver answered HTTP 307.');
      expect(receiver.received).toHaveLength(1);
    });

    it('reports a receiver that refuses the connection', async () => {
      const error = await failure(notifiers.notifier.send({ kind: 'webhook', url: `http://127.0.0.1:${await freePort()}/hook` }, buildAlertGroupNotification()));

      expect(error.code).toBe(MonitoringExceptionCode.NOTIFICATION_FAILED);
      expect(error.detail).toBe('The webhook receiver could not be reached: ECONNREFUSED.');
    });

    it('refuses a loopback receiver that is not allowlisted, without sending anything', async () => {
      const strict = await createNotifiers({});
      try {
        const error = await failure(strict.notifier.send({ kind: 'webhook', url: receiver.url }, buildAlertGroupNotification()));

        expect(error.code).toBe(MonitoringExceptionCode.FORBIDDEN_TARGET);
        expect(error.status).toBe(422);
        expect(receiver.received).toHaveLength(0);
        await expect(counted(strict.registry, 'webhook', 'forbidden')).resolves.toBe(1);
      } finally {
        await strict.moduleRef.close();
      }
    });

    it('reaches an allowlisted host name through the address it was checked at', async () => {
      const byName = await createNotifiers({ MONITORING_WEBHOOK_ALLOWLIST: 'localhost' });
      try {
        await byName.notifier.send({ kind: 'webhook', url: receiver.url.replace('127.0.0.1', 'localhost') }, buildAlertGroupNotification());

        expect(receiver.received).toHaveLength(1);
        expect(receiver.received[0]!.headers.host).toMatch(/^localhost:\d+$/);
      } finally {
        await byName.moduleRef.close();
      }
    });

    it('connects to the address the check resolved, so DNS cannot change it between check and connect', async () => {
      const pinned = await createNotifiers(
        { MONITORING_WEBHOOK_ALLOWLIST: '127.0.0.1' },
        new TableResolver({ 'receiver.bulwark.test': [{ address: '127.0.0.1', family: 4 }] }),
      );
      try {
        await pinned.notifier.send({ kind: 'webhook', url: receiver.url.replace('127.0.0.1', 'receiver.bulwark.test') }, buildAlertGroupNotification());

        expect(receiver.received).toHaveLength(1);
        expect(receiver.received[0]!.headers.host).toMatch(/^receiver\.bulwark\.test:\d+$/);
      } finally {
        await pinned.moduleRef.close();
      }
    });
  });

  describe('send (slack)', () => {
    it('posts a Slack message with a coloured attachment per alert and escaped values', async () => {
      const notification = buildAlertGroupNotification({
        alerts: [buildNotifiedAlert({ annotations: { summary: '<!channel> latency' } }), buildNotifiedAlert({ status: 'resolved', fingerprint: 'b' })],
      });

      await notifiers.notifier.send({ kind: 'slack', url: receiver.urlFor('/services/T000/B000/XXXX') }, notification);

      const body = receiver.received[0]!.json as { text: string; attachments: { color: string; title: string; text: string }[] };
      expect(receiver.received[0]!.path).toBe('/services/T000/B000/XXXX');
      expect(body.text).toBe('*[FIRING:1] HighLatency (GET /v1/items critical)*\n1 firing, 1 resolved\n<http://bulwark.example.com|Open Bulwark>');
      expect(body.attachments.map((attachment) => [attachment.color, attachment.title])).toEqual([
        ['#d72b3f', '[FIRING] HighLatency'],
        ['#2eb886', '[RESOLVED] HighLatency'],
      ]);
      expect(body.attachments[0]!.text).toContain('*Summary:* &lt;!channel&gt; latency');
    });

    it('passes on Slack\'s error token but not the secret URL', async () => {
      receiver.respondWith(404, 'no_service');

      const error = await failure(notifiers.notifier.send({ kind: 'slack', url: receiver.urlFor('/services/T000/B000/SECRET') }, buildAlertGroupNotification()));

      expect(error.detail).toBe('Slack answered HTTP 404 (no_service).');
      expect(error.message).not.toContain('SECRET');
      await expect(counted(notifiers.registry, 'slack', 'failed')).resolves.toBe(1);
    });
  });

  describe('send (discord)', () => {
    it('posts content and embeds with no mentions allowed', async () => {
      await notifiers.notifier.send({ kind: 'discord', url: receiver.urlFor('/api/webhooks/1/token') }, buildAlertGroupNotification());

      expect(receiver.received[0]!.json).toEqual({
        content: '**[FIRING:1] HighLatency (GET /v1/items critical)**\n1 firing, 0 resolved',
        embeds: [
          {
            title: '[FIRING] HighLatency',
            color: 0xd72b3f,
            url: 'http://bulwark.example.com/v1/monitoring/alert-rules/1',
            timestamp: '2026-11-23T01:00:00.000Z',
            footer: { text: 'Firing since 2026-11-23T01:00:00.000Z' },
            description: [
              '**Summary:** p95 latency above 500 ms',
              '**Description:** GET /v1/items p95 is 812 ms over the last 5 minutes.',
              '**Labels:** alertname=HighLatency, route=GET /v1/items, severity=critical',
            ].join('\n'),
          },
        ],
        allowed_mentions: { parse: [] },
      });
      await expect(counted(notifiers.registry, 'discord', 'sent')).resolves.toBe(1);
    });
  });

  describe('send (email)', () => {
    it('delivers an Alertmanager-style mail with escaped HTML to a real SMTP server', async () => {
      const notification = buildAlertGroupNotification({
        alerts: [buildNotifiedAlert({ annotations: { summary: HOSTILE } }), buildNotifiedAlert({ fingerprint: 'b', annotations: { summary: HOSTILE } })],
      });

      await notifiers.notifier.send({ kind: 'email', to: ['ops@example.com', 'db@example.com'] }, notification);

      const [mail] = await smtp.waitFor(1);
      expect(mail!.from).toBe('alerts@bulwark.test');
      expect(mail!.to).toEqual(['ops@example.com', 'db@example.com']);
      expect(mail!.headers.from).toBe('Bulwark <alerts@bulwark.test>');
      expect(mail!.headers.to).toBe('ops@example.com, db@example.com');
      expect(mail!.subject).toBe('[FIRING:2] HighLatency (GET /v1/items critical)');
      expect(mail!.text).toContain(`  summary: ${HOSTILE}`);
      expect(mail!.html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co');
      expect(mail!.html).not.toContain('<img');
      await expect(counted(notifiers.registry, 'email', 'sent')).resolves.toBe(1);
    });

    it('keeps a line break in a label out of the mail headers', async () => {
      const notification = buildAlertGroupNotification({ groupLabels: { alertname: 'Evil\r\nBcc: thief@example.com' } });

      await notifiers.notifier.send({ kind: 'email', to: ['ops@example.com'] }, notification);

      const [mail] = await smtp.waitFor(1);
      expect(mail!.to).toEqual(['ops@example.com']);
      expect(mail!.headers).not.toHaveProperty('bcc');
      expect(mail!.subject).toBe('[FIRING:1] Evil Bcc: thief@example.com (GET /v1/items critical)');
    });

    it('fails with the SMTP reply code when the server refuses the recipients', async () => {
      smtp.refuseRecipients(550);

      const error = await failure(notifiers.notifier.send({ kind: 'email', to: ['ops@example.com'] }, buildAlertGroupNotification()));

      expect(error.code).toBe(MonitoringExceptionCode.NOTIFICATION_FAILED);
      expect(error.detail).toBe('The SMTP server did not accept the email: SMTP 550.');
      expect(smtp.received).toHaveLength(0);
    });

    it('refuses email without an SMTP server', async () => {
      const noSmtp = await createNotifiers({});
      try {
        const error = await failure(noSmtp.notifier.send({ kind: 'email', to: ['ops@example.com'] }, buildAlertGroupNotification()));

        expect(error.code).toBe(MonitoringExceptionCode.EMAIL_NOT_CONFIGURED);
        expect(error.status).toBe(422);
      } finally {
        await noSmtp.moduleRef.close();
      }
    });
  });

  describe('checkTarget', () => {
    it('accepts an allowlisted receiver and plain recipients', async () => {
      const targets: ChannelTarget[] = [
        { kind: 'webhook', url: receiver.url, bearerToken: BEARER },
        { kind: 'slack', url: receiver.urlFor('/services/T/B/X') },
        { kind: 'discord', url: receiver.urlFor('/api/webhooks/1/x') },
        { kind: 'email', to: ['ops@example.com'] },
      ];

      for (const target of targets) {
        await expect(notifiers.notifier.checkTarget(target)).resolves.toBeUndefined();
      }
      expect(receiver.received).toHaveLength(0);
    });

    it('refuses metadata, private and non-http targets and header-injecting recipients', async () => {
      const targets: ChannelTarget[] = [
        { kind: 'webhook', url: 'http://169.254.169.254/latest/meta-data/' },
        { kind: 'slack', url: 'http://10.0.0.8/services/T/B/X' },
        { kind: 'discord', url: 'http://[::ffff:192.168.0.1]/api/webhooks/1/x' },
        { kind: 'webhook', url: 'file:///etc/passwd' },
        { kind: 'email', to: ['ops@example.com\r\nBcc: thief@example.com'] },
      ];

      for (const target of targets) {
        await expect(notifiers.notifier.checkTarget(target)).rejects.toMatchObject({ code: MonitoringExceptionCode.FORBIDDEN_TARGET, status: 422 });
      }
    });

    it('refuses an email target while no SMTP server is configured', async () => {
      const noSmtp = await createNotifiers({});
      try {
        await expect(noSmtp.notifier.checkTarget({ kind: 'email', to: ['ops@example.com'] })).rejects.toMatchObject({ code: MonitoringExceptionCode.EMAIL_NOT_CONFIGURED });
      } finally {
        await noSmtp.moduleRef.close();
      }
    });
  });
});
