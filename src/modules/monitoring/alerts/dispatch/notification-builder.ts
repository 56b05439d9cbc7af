import type { AlertGroupNotification, NotifiedAlert } from '../../notify/notification.types.js';
import type { AlertEntity } from '../entities/alert.entity.js';

/** Alertmanager's `endsAt` for an alert still firing. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

export interface GroupContext {
  receiver: string;
  ruleName: string;
  externalUrl: string;
}

function common(maps: ReadonlyArray<Record<string, string>>): Record<string, string> {
  const [first, ...rest] = maps;
  if (first === undefined) {
    return {};
  }
  return Object.fromEntries(Object.entries(first).filter(([key, value]) => rest.every((map) => map[key] === value)));
}

export function toNotifiedAlert(alert: AlertEntity, externalUrl: string): NotifiedAlert {
  const resolved = alert.state === 'resolved';
  return {
    status: resolved ? 'resolved' : 'firing',
    labels: alert.labels,
    annotations: alert.annotations,
    startsAt: (alert.firedAt ?? alert.activeAt).toISOString(),
    endsAt: resolved && alert.resolvedAt !== null ? alert.resolvedAt.toISOString() : ZERO_TIME,
    generatorURL: `${externalUrl}/v1/monitoring/alerts/${alert.id}`,
    fingerprint: alert.fingerprint,
    value: alert.value,
  };
}

/** One group (one rule) as Alertmanager's webhook v4 payload: firing if any alert still fires, else resolved. */
export function buildGroupNotification(alerts: readonly AlertEntity[], context: GroupContext): AlertGroupNotification {
  const notified = alerts.map((alert) => toNotifiedAlert(alert, context.externalUrl));
  const groupLabels = { alertname: context.ruleName };
  return {
    receiver: context.receiver,
    status: notified.some((alert) => alert.status === 'firing') ? 'firing' : 'resolved',
    groupKey: `{}:{alertname=${JSON.stringify(context.ruleName)}}`,
    groupLabels,
    commonLabels: common(notified.map((alert) => alert.labels)),
    commonAnnotations: common(notified.map((alert) => alert.annotations)),
    externalURL: context.externalUrl,
    alerts: notified,
    truncatedAlerts: 0,
  };
}

/** What `POST /v1/monitoring/channels/:id/test` sends: one firing alert that says it is a test. */
export function buildTestNotification(receiver: string, externalUrl: string, now: Date): AlertGroupNotification {
  const labels = { alertname: 'BulwarkTestNotification', severity: 'info' };
  const annotations = { summary: 'Test notification from Bulwark', description: `Sent to check channel ${receiver}.` };
  return {
    receiver,
    status: 'firing',
    groupKey: '{}:{alertname="BulwarkTestNotification"}',
    groupLabels: { alertname: labels.alertname },
    commonLabels: labels,
    commonAnnotations: annotations,
    externalURL: externalUrl,
    alerts: [
      { status: 'firing', labels, annotations, startsAt: now.toISOString(), endsAt: ZERO_TIME, generatorURL: `${externalUrl}/v1/monitoring/channels`, fingerprint: '0000000000000000', value: null },
    ],
    truncatedAlerts: 0,
  };
}
