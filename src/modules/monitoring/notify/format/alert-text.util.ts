import type { AlertGroupNotification, NotifiedAlert } from '../notification.types.js';

/** Label or annotation pairs sorted by name, as Alertmanager's templates (`SortedPairs`) order them. */
export function sortedPairs(values: Record<string, string>): [string, string][] {
  return Object.entries(values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function alertName(alert: NotifiedAlert): string {
  return alert.labels.alertname ?? 'alert';
}

export function firingAlerts(notification: AlertGroupNotification): NotifiedAlert[] {
  return notification.alerts.filter((alert) => alert.status === 'firing');
}

export function resolvedAlerts(notification: AlertGroupNotification): NotifiedAlert[] {
  return notification.alerts.filter((alert) => alert.status === 'resolved');
}

/**
 * Alertmanager's default `__subject` template: `[FIRING:2] <group label values> (<other common label values>)`,
 * or `[RESOLVED] ...`, so subjects and chat titles read the same as the ones operators already filter on.
 */
export function groupTitle(notification: AlertGroupNotification): string {
  const head = notification.status === 'firing' ? `[FIRING:${firingAlerts(notification).length}]` : '[RESOLVED]';
  const grouped = sortedPairs(notification.groupLabels).map(([, value]) => value);
  const others = sortedPairs(notification.commonLabels)
    .filter(([name]) => !(name in notification.groupLabels))
    .map(([, value]) => value);
  const parts = [head, ...grouped];
  if (others.length > 0) {
    parts.push(`(${others.join(' ')})`);
  }
  return parts.join(' ');
}

/** "2 firing, 1 resolved" (and how many the group left out), for the line under a title. */
export function countsLine(notification: AlertGroupNotification): string {
  const counts = [`${firingAlerts(notification).length} firing`, `${resolvedAlerts(notification).length} resolved`];
  if (notification.truncatedAlerts > 0) {
    counts.push(`${notification.truncatedAlerts} more not shown`);
  }
  return counts.join(', ');
}

/** Cuts `text` to at most `max` UTF-16 units with a trailing ellipsis, never splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  if (max <= 0) {
    return '';
  }
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) {
    end -= 1;
  }
  return `${text.slice(0, end)}…`;
}

/** Only http(s) links go into messages: a `javascript:` generator URL must not become a clickable link. */
export function httpLink(value: string): string | undefined {
  if (!URL.canParse(value)) {
    return undefined;
  }
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:' ? value : undefined;
}

/** Severity decides a firing alert's colour; resolved alerts are always green. */
export type Tone = 'critical' | 'warning' | 'info' | 'resolved';

export function toneOf(alert: NotifiedAlert): Tone {
  if (alert.status === 'resolved') {
    return 'resolved';
  }
  const severity = (alert.labels.severity ?? '').toLowerCase();
  if (severity === 'warning' || severity === 'warn') {
    return 'warning';
  }
  if (severity === 'info' || severity === 'none') {
    return 'info';
  }
  // Unknown or missing severity on a firing alert errs on the loud side.
  return 'critical';
}

export const TONE_COLOURS: Record<Tone, number> = {
  critical: 0xd72b3f,
  warning: 0xe8a317,
  info: 0x3a87d9,
  resolved: 0x2eb886,
};
