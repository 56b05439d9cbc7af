import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { Scope } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { bearer, issueApiKey } from '../support/principals.js';
import { SmtpReceiver } from '../support/smtp-receiver.js';
import { waitFor } from '../support/wait-for.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

interface SlackBody {
  text: string;
  attachments: Array<{ color: string }>;
}
interface DiscordBody {
  embeds: Array<{ title: string; color: number }>;
}

describe('alerting into email, Slack and Discord (real SMTP server and webhook receivers)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let hooks: WebhookReceiver;
  let smtp: SmtpReceiver;
  let writer: Record<string, string>;
  const http = (): ReturnType<typeof request> => request(app.getHttpServer());
  const atPath = (path: string): unknown[] => hooks.received.filter((one) => one.path === path).map((one) => one.json);

  beforeAll(async () => {
    hooks = await WebhookReceiver.start();
    smtp = await SmtpReceiver.start();
    db = await testDatabase();
    app = await bootApp({
      DATABASE_URL: db.url,
      MONITORING_WEBHOOK_ALLOWLIST: '127.0.0.1',
      MONITORING_SMTP_URL: smtp.url,
      MONITORING_SMTP_FROM: 'Bulwark alerts <alerts@bulwark.test>',
      MONITORING_ALERT_EVAL_INTERVAL_MS: '1000',
      MONITORING_ALERT_GROUP_WAIT_MS: '0',
      MONITORING_ALERT_GROUP_INTERVAL_MS: '0',
    });
    writer = bearer(await issueApiKey(app, { scopes: [Scope.MONITORING_READ, Scope.MONITORING_WRITE] }));
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
    await hooks.close();
    await smtp.close();
  });

  it('sends one rule\'s firing and resolved notifications to every kind of channel', async () => {
    const channel = async (body: object): Promise<string> => ((await http().post('/v1/monitoring/channels').set(writer).send(body).expect(201)).body as { id: string }).id;
    const channelIds = [
      await channel({ name: 'oncall-mail', kind: 'email', to: ['oncall@example.com'] }),
      await channel({ name: 'ops-slack', kind: 'slack', url: hooks.urlFor('/slack') }),
      await channel({ name: 'ops-discord', kind: 'discord', url: hooks.urlFor('/discord') }),
    ];
    const rule = await http()
      .post('/v1/monitoring/alert-rules')
      .set(writer)
      .send({ name: 'HeapInUse', signal: 'runtime.heap_used_bytes', window: '1m', comparator: '>', threshold: 1, severity: 'warning', channelIds, annotations: { summary: 'heap at <b>{{ $value }}</b> bytes' } })
      .expect(201);
    const ruleId = (rule.body as { id: string }).id;

    await waitFor(() => smtp.received.length >= 1 && atPath('/slack').length >= 1 && atPath('/discord').length >= 1, 'a firing notification on every channel', 20_000);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['oncall@example.com']);
    expect(mail.from).toBe('alerts@bulwark.test');
    expect(mail.subject).toMatch(/^\[FIRING:1\] HeapInUse/);
    expect(mail.html).toContain('heap at &lt;b&gt;');
    expect(mail.html).not.toContain('<b>');
    expect((atPath('/slack')[0] as SlackBody).text).toContain('HeapInUse');
    expect((atPath('/discord')[0] as DiscordBody).embeds[0]!.title).toContain('HeapInUse');

    await http().patch(`/v1/monitoring/alert-rules/${ruleId}`).set(writer).send({ threshold: 1e15 }).expect(200);
    await waitFor(() => smtp.received.some((one) => one.subject.startsWith('[RESOLVED]')) && atPath('/slack').length >= 2 && atPath('/discord').length >= 2, 'the resolution on every channel', 20_000);
    expect(smtp.received.filter((one) => one.subject.startsWith('[FIRING'))).toHaveLength(1);
  });
});
