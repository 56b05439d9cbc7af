import type { AlertGroupNotification, NotifiedAlert } from '../notification.types.js';

/** Alertmanager's "not ended yet" time, which firing alerts carry as endsAt. */
export const NOT_ENDED = '0001-01-01T00:00:00Z';

/** A firing alert with plausible labels and annotations; `overrides` win. For tests of notifiers and rules. */
export function buildNotifiedAlert(overrides: Partial<NotifiedAlert> = {}): NotifiedAlert {
  return {
    status: 'firing',
    labels: { alertname: 'HighLatency', route: 'GET /v1/items', severity: 'critical' },
    annotations: { summary: 'p95 latency above 500 ms', description: 'GET /v1/items p95 is 812 ms over the last 5 minutes.' },
    startsAt: '2026-11-23T01:00:00.000Z',
    endsAt: NOT_ENDED,
    generatorURL: 'http://bulwark.example.com/v1/monitoring/alert-rules/1',
    fingerprint: 'a1b2c3d4e5f60718',
    value: 0.812,
    ...overrides,
  };
}

/** A group notification around `alerts` (one firing alert by default), common labels computed from them. */
export function buildAlertGroupNotification(overrides: Partial<AlertGroupNotification> = {}): AlertGroupNotification {
  const alerts = overrides.alerts ?? [buildNotifiedAlert()];
  return {
    receiver: 'ops',
    status: alerts.some((alert) => alert.status === 'firing') ? 'firing' : 'resolved',
    groupKey: '{}:{alertname="HighLatency"}',
    groupLabels: { alertname: 'HighLatency' },
    commonLabels: common(alerts.map((alert) => alert.labels)),
    commonAnnotations: common(alerts.map((alert) => alert.annotations)),
    externalURL: 'http://bulwark.example.com',
    truncatedAlerts: 0,
    ...overrides,
    alerts,
  };
}

function common(sets: Record<string, string>[]): Record<string, string> {
  const [first = {}, ...rest] = sets;
  return Object.fromEntries(Object.entries(first).filter(([name, value]) => rest.every((set) => set[name] === value)));
}
