import { buildAlertGroupNotification, buildNotifiedAlert } from '../testing/alert-notification.builder.js';
import { DISCORD_LIMITS, type DiscordMessage, formatDiscordMessage } from './discord-message.js';

function embedChars(message: DiscordMessage): number {
  return message.embeds.reduce((sum, embed) => sum + embed.title.length + embed.description.length + embed.footer.text.length, 0);
}

describe('formatDiscordMessage', () => {
  it('writes the title and counts as content, and one coloured embed per alert', () => {
    const message = formatDiscordMessage(buildAlertGroupNotification({ alerts: [buildNotifiedAlert(), buildNotifiedAlert({ status: 'resolved', endsAt: '2026-11-23T01:05:00.000Z' })] }));

    expect(message.content).toBe('**[FIRING:1] HighLatency (GET /v1/items critical)**\n1 firing, 1 resolved');
    expect(message.embeds).toEqual([
      {
        title: '[FIRING] HighLatency',
        description: [
          '**Summary:** p95 latency above 500 ms',
          '**Description:** GET /v1/items p95 is 812 ms over the last 5 minutes.',
          '**Labels:** alertname=HighLatency, route=GET /v1/items, severity=critical',
        ].join('\n'),
        color: 0xd72b3f,
        url: 'http://bulwark.example.com/v1/monitoring/alert-rules/1',
        timestamp: '2026-11-23T01:00:00.000Z',
        footer: { text: 'Firing since 2026-11-23T01:00:00.000Z' },
      },
      expect.objectContaining({ title: '[RESOLVED] HighLatency', color: 0x2eb886, footer: { text: 'Resolved 2026-11-23T01:05:00.000Z' } }),
    ]);
  });

  it('allows no mentions, whatever the labels say', () => {
    const message = formatDiscordMessage(buildAlertGroupNotification({ alerts: [buildNotifiedAlert({ labels: { alertname: '@everyone' } })] }));

    expect(message.allowed_mentions).toEqual({ parse: [] });
  });

  it('sends at most 10 embeds and says how many alerts there were', () => {
    const alerts = Array.from({ length: 14 }, (_, index) => buildNotifiedAlert({ fingerprint: String(index) }));

    const message = formatDiscordMessage(buildAlertGroupNotification({ alerts }));

    expect(message.embeds).toHaveLength(DISCORD_LIMITS.embeds);
    expect(message.content).toContain('Showing 10 of 14 alerts.');
  });

  it('cuts titles, descriptions, content and the embeds\' total to Discord\'s limits', () => {
    const huge = 'x'.repeat(10_000);
    const alerts = Array.from({ length: 12 }, (_, index) =>
      buildNotifiedAlert({ fingerprint: String(index), labels: { alertname: huge }, annotations: { summary: huge, description: huge } }),
    );

    const message = formatDiscordMessage(buildAlertGroupNotification({ alerts, groupLabels: { alertname: huge } }));

    expect(message.content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect(message.embeds.every((embed) => embed.title.length <= DISCORD_LIMITS.title)).toBe(true);
    expect(message.embeds.every((embed) => embed.description.length <= DISCORD_LIMITS.description)).toBe(true);
    expect(embedChars(message)).toBeLessThanOrEqual(DISCORD_LIMITS.embedsTotal);
    expect(message.embeds[0]!.description.endsWith('…')).toBe(true);
  });

  it('lets one long alert use the whole description limit when it is alone', () => {
    const message = formatDiscordMessage(buildAlertGroupNotification({ alerts: [buildNotifiedAlert({ annotations: { description: 'y'.repeat(9000) } })] }));

    expect(message.embeds[0]!.description).toHaveLength(DISCORD_LIMITS.description);
  });

  it('cuts emoji-heavy text without leaving half a surrogate pair', () => {
    const message = formatDiscordMessage(buildAlertGroupNotification({ alerts: [buildNotifiedAlert({ labels: { alertname: '🔥'.repeat(300) } })] }));

    expect(message.embeds[0]!.title.length).toBeLessThanOrEqual(DISCORD_LIMITS.title);
    expect(message.embeds[0]!.title.isWellFormed()).toBe(true);
    expect(message.content.isWellFormed()).toBe(true);
  });

  it('leaves out the embed link when the generator URL is not http(s)', () => {
    const message = formatDiscordMessage(buildAlertGroupNotification({ alerts: [buildNotifiedAlert({ generatorURL: 'file:///etc/passwd' })] }));

    expect(message.embeds[0]).not.toHaveProperty('url');
  });
});
