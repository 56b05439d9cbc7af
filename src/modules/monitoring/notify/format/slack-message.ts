import type { AlertGroupNotification, NotifiedAlert } from '../notification.types.js';
import { alertName, countsLine, groupTitle, httpLink, sortedPairs, toneOf, TONE_COLOURS, truncate } from './alert-text.util.js';

/*
 * Slack incoming webhooks (https://api.slack.com/messaging/webhooks, read 2026-11): legacy attachments still carry
 * a colour bar, which blocks cannot. At most 100 attachments per message, and Slack cuts long text itself; we keep
 * each attachment short and the count modest so one noisy group stays readable.
 */
const MAX_ATTACHMENTS = 20;
const MAX_ATTACHMENT_TEXT = 3000;
const MAX_TEXT = 3000;

export interface SlackAttachment {
  color: string;
  fallback: string;
  title: string;
  title_link?: string;
  text: string;
  footer: string;
  mrkdwn_in: ['text'];
}

export interface SlackMessage {
  text: string;
  attachments: SlackAttachment[];
}

/** Slack reads `&`, `<` and `>` as markup (`<!channel>` pings everyone); label values must not be able to. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function formatSlackMessage(notification: AlertGroupNotification): SlackMessage {
  const shown = notification.alerts.slice(0, MAX_ATTACHMENTS);
  const lines = [`*${escapeSlack(groupTitle(notification))}*`, escapeSlack(countsLine(notification))];
  if (shown.length < notification.alerts.length) {
    lines.push(`Showing ${shown.length} of ${notification.alerts.length} alerts.`);
  }
  const link = httpLink(notification.externalURL);
  if (link) {
    lines.push(`<${link}|Open Bulwark>`);
  }
  return { text: truncate(lines.join('\n'), MAX_TEXT), attachments: shown.map(slackAttachment) };
}

function slackAttachment(alert: NotifiedAlert): SlackAttachment {
  const title = `[${alert.status.toUpperCase()}] ${alertName(alert)}`;
  const link = httpLink(alert.generatorURL);
  const lines: string[] = [];
  for (const name of ['summary', 'description']) {
    const value = alert.annotations[name];
    if (value) {
      lines.push(`*${name === 'summary' ? 'Summary' : 'Description'}:* ${escapeSlack(value)}`);
    }
  }
  const labels = sortedPairs(alert.labels).map(([name, value]) => `\`${escapeSlack(name)}\`=${escapeSlack(value)}`);
  lines.push(`*Labels:* ${labels.join(', ')}`);
  const footer = alert.status === 'resolved' ? `Started ${alert.startsAt}, resolved ${alert.endsAt}` : `Started ${alert.startsAt}`;
  return {
    color: `#${TONE_COLOURS[toneOf(alert)].toString(16).padStart(6, '0')}`,
    fallback: truncate(`${title}: ${alert.annotations.summary ?? ''}`.trim(), 300),
    title: truncate(title, 300),
    ...(link ? { title_link: link } : {}),
    text: truncate(lines.join('\n'), MAX_ATTACHMENT_TEXT),
    footer,
    mrkdwn_in: ['text'],
  };
}
