import { buildAlertGroupNotification, buildNotifiedAlert } from '../testing/alert-notification.builder.js';
import { emailSubject, escapeHtml, formatEmail } from './email-message.js';

const HOSTILE = '<script>alert("x")</script> & \'quoted\'';

describe('formatEmail', () => {
  it('writes Alertmanager\'s subject', () => {
    const email = formatEmail(buildAlertGroupNotification({ alerts: [buildNotifiedAlert(), buildNotifiedAlert({ fingerprint: 'b' })] }));

    expect(email.subject).toBe('[FIRING:2] HighLatency (GET /v1/items critical)');
  });

  it('lists firing then resolved alerts with annotations, labels and times in the text body', () => {
    const email = formatEmail(
      buildAlertGroupNotification({
        alerts: [buildNotifiedAlert({ status: 'resolved', endsAt: '2026-11-23T01:09:00.000Z', labels: { alertname: 'Old' } }), buildNotifiedAlert()],
      }),
    );

    expect(email.text).toBe(
      [
        '[FIRING:1] HighLatency',
        '1 firing, 1 resolved',
        '',
        'Firing:',
        '- HighLatency',
        '  description: GET /v1/items p95 is 812 ms over the last 5 minutes.',
        '  summary: p95 latency above 500 ms',
        '  labels: alertname=HighLatency, route=GET /v1/items, severity=critical',
        '  started 2026-11-23T01:00:00.000Z',
        '  source: http://bulwark.example.com/v1/monitoring/alert-rules/1',
        '',
        'Resolved:',
        '- Old',
        '  description: GET /v1/items p95 is 812 ms over the last 5 minutes.',
        '  summary: p95 latency above 500 ms',
        '  labels: alertname=Old',
        '  started 2026-11-23T01:00:00.000Z, resolved 2026-11-23T01:09:00.000Z',
        '  source: http://bulwark.example.com/v1/monitoring/alert-rules/1',
        '',
        'Sent by Bulwark: http://bulwark.example.com',
      ].join('\n'),
    );
  });

  it('HTML-escapes every label name, label value and annotation in the HTML body', () => {
    const email = formatEmail(
      buildAlertGroupNotification({
        alerts: [buildNotifiedAlert({ labels: { alertname: HOSTILE, [`<b>name`]: HOSTILE }, annotations: { summary: HOSTILE, [`<i>key`]: HOSTILE } })],
        groupLabels: { alertname: HOSTILE },
      }),
    );

    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<b>name');
    expect(email.html).not.toContain('<i>key');
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;');
    expect(email.html).toContain('&lt;b&gt;name=');
  });

  it('links only http(s) URLs, escaped inside the attribute', () => {
    const email = formatEmail(
      buildAlertGroupNotification({
        alerts: [buildNotifiedAlert({ generatorURL: 'javascript:alert(1)' }), buildNotifiedAlert({ generatorURL: 'https://x.example/?a=1&b="2"' })],
      }),
    );

    expect(email.html).not.toContain('javascript:');
    expect(email.html).toContain('<a href="https://x.example/?a=1&amp;b=&quot;2&quot;">Source</a>');
  });
});

describe('emailSubject', () => {
  it('keeps a subject on one line when label values hold line breaks', () => {
    const subject = emailSubject(buildAlertGroupNotification({ groupLabels: { alertname: 'Bad\r\nBcc: victim@example.com' } }));

    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toBe('[FIRING:1] Bad Bcc: victim@example.com (GET /v1/items critical)');
  });

  it('cuts a very long subject', () => {
    expect(emailSubject(buildAlertGroupNotification({ groupLabels: { alertname: 'a'.repeat(1000) } })).length).toBeLessThanOrEqual(250);
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
