import type { AlertGroupNotification, NotifiedAlert } from '../notification.types.js';
import { alertName, countsLine, firingAlerts, groupTitle, httpLink, resolvedAlerts, sortedPairs, toneOf, TONE_COLOURS, truncate } from './alert-text.util.js';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** Mail clients and SMTP servers handle long subjects badly; Alertmanager's own are short. */
const MAX_SUBJECT = 250;

/** Every label and annotation value is escaped: they come from rules and requests, not from us. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Subject as Alertmanager's default email template writes it, on one line whatever the label values hold. */
export function emailSubject(notification: AlertGroupNotification): string {
  // A CR/LF in a label value must not reach a header (header injection); all control characters become spaces.
  // eslint-disable-next-line no-control-regex
  return truncate(groupTitle(notification).replace(/[\u0000-\u001f\u007f]+/g, ' ').trim(), MAX_SUBJECT);
}

export function formatEmail(notification: AlertGroupNotification): EmailContent {
  return { subject: emailSubject(notification), text: emailText(notification), html: emailHtml(notification) };
}

function sections(notification: AlertGroupNotification): [string, NotifiedAlert[]][] {
  return (
    [
      ['Firing', firingAlerts(notification)],
      ['Resolved', resolvedAlerts(notification)],
    ] as [string, NotifiedAlert[]][]
  ).filter(([, alerts]) => alerts.length > 0);
}

function emailText(notification: AlertGroupNotification): string {
  const lines = [groupTitle(notification), countsLine(notification), ''];
  for (const [heading, alerts] of sections(notification)) {
    lines.push(`${heading}:`);
    for (const alert of alerts) {
      lines.push(`- ${alertName(alert)}`);
      for (const [name, value] of sortedPairs(alert.annotations)) {
        lines.push(`  ${name}: ${value}`);
      }
      lines.push(`  labels: ${sortedPairs(alert.labels).map(([name, value]) => `${name}=${value}`).join(', ')}`);
      lines.push(alert.status === 'resolved' ? `  started ${alert.startsAt}, resolved ${alert.endsAt}` : `  started ${alert.startsAt}`);
      if (alert.generatorURL) {
        lines.push(`  source: ${alert.generatorURL}`);
      }
    }
    lines.push('');
  }
  lines.push(`Sent by Bulwark: ${notification.externalURL}`);
  return lines.join('\n');
}

function emailHtml(notification: AlertGroupNotification): string {
  const body = sections(notification)
    .map(([heading, alerts]) => `<h2 style="font-size:16px">${heading}</h2>\n${alerts.map(alertHtml).join('\n')}`)
    .join('\n');
  const home = link(notification.externalURL, 'Open Bulwark');
  return [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8"></head><body style="font-family:sans-serif">',
    `<h1 style="font-size:18px">${escapeHtml(groupTitle(notification))}</h1>`,
    `<p>${escapeHtml(countsLine(notification))}</p>`,
    body,
    `<p style="color:#666">Sent by Bulwark${home ? ` · ${home}` : ''}</p>`,
    '</body></html>',
  ].join('\n');
}

function alertHtml(alert: NotifiedAlert): string {
  const colour = `#${TONE_COLOURS[toneOf(alert)].toString(16).padStart(6, '0')}`;
  const annotations = sortedPairs(alert.annotations).map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>`);
  const labels = sortedPairs(alert.labels).map(([name, value]) => `<code>${escapeHtml(name)}=${escapeHtml(value)}</code>`);
  const source = link(alert.generatorURL, 'Source');
  const since = alert.status === 'resolved' ? `started ${alert.startsAt}, resolved ${alert.endsAt}` : `started ${alert.startsAt}`;
  return [
    `<div style="border-left:4px solid ${colour};padding:4px 12px;margin:8px 0">`,
    `<strong>${escapeHtml(alertName(alert))}</strong>`,
    annotations.length > 0 ? `<dl>${annotations.join('')}</dl>` : '',
    `<p>${labels.join(' ')}</p>`,
    `<p style="color:#666">${escapeHtml(since)}${source ? ` · ${source}` : ''}</p>`,
    '</div>',
  ].join('\n');
}

function link(url: string, text: string): string | undefined {
  const href = httpLink(url);
  return href ? `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>` : undefined;
}
