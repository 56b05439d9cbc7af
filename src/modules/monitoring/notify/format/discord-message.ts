import type { AlertGroupNotification, NotifiedAlert } from '../notification.types.js';
import { alertName, countsLine, groupTitle, httpLink, sortedPairs, toneOf, TONE_COLOURS, truncate } from './alert-text.util.js';

/*
 * Discord webhook limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits, read
 * 2026-11): content 2000 characters, 10 embeds, embed title 256, description 4096, footer 2048, and all embeds of
 * one message together 6000. Discord refuses (400) a message over any of them, so everything is cut to fit here.
 */
export const DISCORD_LIMITS = { content: 2000, embeds: 10, title: 256, description: 4096, footer: 2048, embedsTotal: 6000 } as const;

export interface DiscordEmbed {
  title: string;
  description: string;
  color: number;
  url?: string;
  timestamp: string;
  footer: { text: string };
}

export interface DiscordMessage {
  content: string;
  embeds: DiscordEmbed[];
  /** Nothing in an alert may ping `@everyone`, roles or users. */
  allowed_mentions: { parse: [] };
}

export function formatDiscordMessage(notification: AlertGroupNotification): DiscordMessage {
  const shown = notification.alerts.slice(0, DISCORD_LIMITS.embeds);
  const lines = [`**${groupTitle(notification)}**`, countsLine(notification)];
  if (shown.length < notification.alerts.length) {
    lines.push(`Showing ${shown.length} of ${notification.alerts.length} alerts.`);
  }
  const heads = shown.map(embedHead);
  const headChars = heads.reduce((sum, head) => sum + head.title.length + head.footer.text.length, 0);
  // The 6000 total is shared fairly: each description gets an equal part of what titles and footers leave.
  const perDescription = Math.min(DISCORD_LIMITS.description, Math.floor((DISCORD_LIMITS.embedsTotal - headChars) / Math.max(1, shown.length)));
  const embeds = shown.map((alert, index) => ({ ...heads[index]!, description: truncate(describe(alert), perDescription) }));
  return { content: truncate(lines.join('\n'), DISCORD_LIMITS.content), embeds, allowed_mentions: { parse: [] } };
}

function embedHead(alert: NotifiedAlert): Omit<DiscordEmbed, 'description'> {
  const link = httpLink(alert.generatorURL);
  const footer = alert.status === 'resolved' ? `Resolved ${alert.endsAt}` : `Firing since ${alert.startsAt}`;
  return {
    title: truncate(`[${alert.status.toUpperCase()}] ${alertName(alert)}`, DISCORD_LIMITS.title),
    color: TONE_COLOURS[toneOf(alert)],
    ...(link ? { url: link } : {}),
    timestamp: alert.startsAt,
    footer: { text: truncate(footer, DISCORD_LIMITS.footer) },
  };
}

function describe(alert: NotifiedAlert): string {
  const lines: string[] = [];
  if (alert.annotations.summary) {
    lines.push(`**Summary:** ${alert.annotations.summary}`);
  }
  if (alert.annotations.description) {
    lines.push(`**Description:** ${alert.annotations.description}`);
  }
  lines.push(`**Labels:** ${sortedPairs(alert.labels).map(([name, value]) => `${name}=${value}`).join(', ')}`);
  return lines.join('\n');
}
