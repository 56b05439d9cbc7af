import { randomUUID } from 'node:crypto';
import type request from 'supertest';

import { Scope } from '../../../src/modules/security/index.js';
import { startAbuseApp, type AbuseApp } from '../../support/abuse/abuse-app.js';
import { expectProblem } from '../../support/abuse/problem.js';
import { bearer, issueApiKey } from '../../support/principals.js';
import { WebhookReceiver } from '../../support/webhook-receiver.js';

const CHANNELS = '/v1/monitoring/channels';

/** Internal targets a webhook must never reach, each spelled the way SSRF payloads spell them. */
const INTERNAL_TARGETS: Array<[string, string]> = [
  ['loopback', 'http://127.0.0.1:9/hook'],
  ['loopback elsewhere in 127/8', 'http://127.1.2.3/hook'],
  ['the unspecified address', 'http://0.0.0.0/hook'],
  ['RFC 1918 10/8', 'http://10.0.0.1/hook'],
  ['RFC 1918 172.16/12', 'http://172.16.5.4/hook'],
  ['RFC 1918 192.168/16', 'https://192.168.1.1/hook'],
  ['carrier-grade NAT', 'http://100.64.0.1/hook'],
  ['cloud metadata (link-local)', 'http://169.254.169.254/latest/meta-data/'],
  ['IPv6 loopback', 'http://[::1]/hook'],
  ['IPv6 link-local', 'http://[fe80::1]/hook'],
  ['IPv6 unique local', 'http://[fd00::1]/hook'],
  ['IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]/hook'],
  ['IPv4-mapped IPv6 metadata', 'http://[::ffff:a9fe:a9fe]/hook'],
  ['NAT64 around a private address', 'http://[64:ff9b::10.0.0.1]/hook'],
  ['a DNS name resolving to loopback', 'http://localhost:9/hook'],
];

/**
 * Abuse case: alert channels as an SSRF primitive. A caller who may configure notification webhooks points one at
 * loopback, private, link-local or cloud-metadata addresses, in any spelling, by a DNS name, or through a redirect.
 * Targets are checked when saved (422, the URL never echoed) and at every send; redirects are never followed.
 */
describe('abuse: SSRF through alert webhooks', () => {
  let strict: AbuseApp;
  let allowlisted: AbuseApp;
  let receiver: WebhookReceiver;
  let strictWriter: Record<string, string>;
  let allowlistedWriter: Record<string, string>;
  const scopes = [Scope.MONITORING_READ, Scope.MONITORING_WRITE];

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    strict = await startAbuseApp();
    // Loopback allowed on purpose here: the receiver stands in for a public endpoint.
    allowlisted = await startAbuseApp({ MONITORING_WEBHOOK_ALLOWLIST: '127.0.0.1' });
    strictWriter = bearer(await issueApiKey(strict.app, { scopes }));
    allowlistedWriter = bearer(await issueApiKey(allowlisted.app, { scopes }));
  });

  afterAll(async () => {
    await strict.close();
    await allowlisted.close();
    await receiver.close();
  });

  const createChannel = (target: AbuseApp, writer: Record<string, string>, url: string): request.Test =>
    target.http().post(CHANNELS).set(writer).send({ name: `hook-${randomUUID()}`, kind: 'webhook', url });

  it('delivers to an allowlisted receiver (the legitimate form)', async () => {
    const created = await createChannel(allowlisted, allowlistedWriter, receiver.urlFor('/legit')).expect(201);
    await allowlisted.http().post(`${CHANNELS}/${(created.body as { id: string }).id}/test`).set(allowlistedWriter).expect(200);
    expect(receiver.received.filter((one) => one.path === '/legit')).toHaveLength(1);
  });

  it.each(INTERNAL_TARGETS)('refuses %s (%s) with 422 and never echoes the URL', async (_name, url) => {
    const response = await createChannel(strict, strictWriter, url);
    expectProblem(response, 422, 'MONITORING.FORBIDDEN_TARGET');
    expect(response.text).not.toContain(new URL(url).hostname);
  });

  it('refuses numeric host spellings, smuggled credentials and other schemes (validation 400 or guard 422)', async () => {
    for (const url of ['http://2130706433/hook', 'http://0x7f.0.0.1/hook', 'http://0177.0.0.1/hook', 'http://user:pass@example.com/hook', 'file:///etc/passwd', 'gopher://127.0.0.1:6379/_INFO']) {
      const response = await createChannel(strict, strictWriter, url);
      expect([url, [400, 422].includes(response.status)]).toEqual([url, true]);
      expectProblem(response, response.status);
    }
  });

  it('does not follow a redirect from an allowed receiver towards an internal address', async () => {
    const created = await createChannel(allowlisted, allowlistedWriter, receiver.urlFor('/redirecting')).expect(201);
    receiver.respondWith(302, '', { location: 'http://169.254.169.254/latest/meta-data/' });
    try {
      const sent = await allowlisted.http().post(`${CHANNELS}/${(created.body as { id: string }).id}/test`).set(allowlistedWriter);
      expectProblem(sent, 502, 'MONITORING.NOTIFICATION_FAILED');
      expect(sent.text).not.toContain('169.254');
      const before = receiver.received.length;
      receiver.respondWith(302, '', { location: receiver.urlFor('/followed') });
      await allowlisted.http().post(`${CHANNELS}/${(created.body as { id: string }).id}/test`).set(allowlistedWriter).expect(502);
      expect(receiver.received.slice(before).map((one) => one.path)).toEqual(['/redirecting']);
    } finally {
      receiver.respondWith(200, 'ok');
    }
  });
});
