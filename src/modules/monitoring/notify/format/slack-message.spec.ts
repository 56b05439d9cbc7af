import { buildAlertGroupNotification, buildNotifiedAlert } from '../testing/alert-notification.builder.js';
import { escapeSlack, formatSlackMessage } from './slack-message.js';

describe('formatSlackMessage', () => {
  it('titles the message like Alertmanager, counts alerts and links back', () => {
    const message = formatSlackMessage(buildAlertGroupNotification({ alerts: [buildNotifiedAlert(), buildNotifiedAlert({ status: 'resolved' })] }));

    expect(message.text).toBe('*[FIRING:1] HighLatency (GET /v1/items critical)*\n1 firing, 1 resolved\n<http://bulwark.example.com|Open Bulwark>');
  });

  it('gives each alert an attachment coloured by status and severity, with summary, description and labels', () => {
    const message = formatSlackMessage(
      buildAlertGroupNotification({
        alerts: [buildNotifiedAlert(), buildNotifiedAlert({ labels: { alertname: 'Slow', severity: 'warning' } }), buildNotifiedAlert({ status: 'resolved' })],
      }),
    );

    expect(message.attachments.map((attachment) => attachment.color)).toEqual(['#d72b3f', '#e8a317', '#2eb886']);
    expect(message.attachments[0]).toEqual({
      color: '#d72b3f',
      fallback: '[FIRING] HighLatency: p95 latency above 500 ms',
      title: '[FIRING] HighLatency',
      title_link: 'http://bulwark.example.com/v1/monitoring/alert-rules/1',
      text: [
        '*Summary:* p95 latency above 500 ms',
        '*Description:* GET /v1/items p95 is 812 ms over the last 5 minutes.',
        '*Labels:* `alertname`=HighLatency, `route`=GET /v1/items, `severity`=critical',
      ].join('\n'),
      footer: 'Started 2026-11-23T01:00:00.000Z',
      mrkdwn_in: ['text'],
    });
    expect(message.attachments[2]!.title).toBe('[RESOLVED] HighLatency');
  });

  it('escapes label and annotation values so they cannot mention @channel or inject links', () => {
    const message = formatSlackMessage(
      buildAlertGroupNotification({
        alerts: [buildNotifiedAlert({ labels: { alertname: '<!channel>' }, annotations: { summary: 'a & <https://evil.example|click>' } })],
      }),
    );
    const text = `${message.text}\n${message.attachments[0]!.text}`;

    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('a &amp; &lt;https://evil.example|click&gt;');
  });

  it('shows at most 20 alerts and says how many there were', () => {
    const alerts = Array.from({ length: 25 }, (_, index) => buildNotifiedAlert({ fingerprint: String(index) }));

    const message = formatSlackMessage(buildAlertGroupNotification({ alerts }));

    expect(message.attachments).toHaveLength(20);
    expect(message.text).toContain('Showing 20 of 25 alerts.');
  });

  it('keeps a non-http generator URL out of the title link', () => {
    const message = formatSlackMessage(buildAlertGroupNotification({ alerts: [buildNotifiedAlert({ generatorURL: 'javascript:alert(1)' })] }));

    expect(message.attachments[0]).not.toHaveProperty('title_link');
  });
});

describe('escapeSlack', () => {
  it('escapes exactly the three characters Slack treats as markup', () => {
    expect(escapeSlack('a&b<c>d"e\'f')).toBe('a&amp;b&lt;c&gt;d"e\'f');
  });
});
