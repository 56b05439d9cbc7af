import { buildAlertGroupNotification, buildNotifiedAlert, NOT_ENDED } from '../testing/alert-notification.builder.js';
import { formatAlertmanagerPayload } from './alertmanager-payload.js';

describe('formatAlertmanagerPayload', () => {
  it('writes the webhook v4 message key for key, in the order Alertmanager marshals it', () => {
    const notification = buildAlertGroupNotification({
      alerts: [
        buildNotifiedAlert({ fingerprint: '1111' }),
        buildNotifiedAlert({ status: 'resolved', fingerprint: '2222', endsAt: '2026-11-23T01:10:00.000Z', labels: { alertname: 'HighLatency', route: 'GET /v1/other', severity: 'critical' } }),
      ],
      truncatedAlerts: 3,
    });

    const payload = formatAlertmanagerPayload(notification);

    expect(Object.keys(payload)).toEqual([
      'receiver',
      'status',
      'alerts',
      'groupLabels',
      'commonLabels',
      'commonAnnotations',
      'externalURL',
      'version',
      'groupKey',
      'truncatedAlerts',
    ]);
    expect(payload).toEqual({
      receiver: 'ops',
      status: 'firing',
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'HighLatency', route: 'GET /v1/items', severity: 'critical' },
          annotations: { summary: 'p95 latency above 500 ms', description: 'GET /v1/items p95 is 812 ms over the last 5 minutes.' },
          startsAt: '2026-11-23T01:00:00.000Z',
          endsAt: NOT_ENDED,
          generatorURL: 'http://bulwark.example.com/v1/monitoring/alert-rules/1',
          fingerprint: '1111',
        },
        {
          status: 'resolved',
          labels: { alertname: 'HighLatency', route: 'GET /v1/other', severity: 'critical' },
          annotations: { summary: 'p95 latency above 500 ms', description: 'GET /v1/items p95 is 812 ms over the last 5 minutes.' },
          startsAt: '2026-11-23T01:00:00.000Z',
          endsAt: '2026-11-23T01:10:00.000Z',
          generatorURL: 'http://bulwark.example.com/v1/monitoring/alert-rules/1',
          fingerprint: '2222',
        },
      ],
      groupLabels: { alertname: 'HighLatency' },
      commonLabels: { alertname: 'HighLatency', severity: 'critical' },
      commonAnnotations: { summary: 'p95 latency above 500 ms', description: 'GET /v1/items p95 is 812 ms over the last 5 minutes.' },
      externalURL: 'http://bulwark.example.com',
      version: '4',
      groupKey: '{}:{alertname="HighLatency"}',
      truncatedAlerts: 3,
    });
  });

  it('leaves out the signal value, which is not part of the v4 alert', () => {
    const [alert] = formatAlertmanagerPayload(buildAlertGroupNotification()).alerts;

    expect(Object.keys(alert!)).toEqual(['status', 'labels', 'annotations', 'startsAt', 'endsAt', 'generatorURL', 'fingerprint']);
  });

  it('copies label maps so a receiver-side change cannot reach the notification', () => {
    const notification = buildAlertGroupNotification();

    const payload = formatAlertmanagerPayload(notification);
    payload.alerts[0]!.labels.alertname = 'Changed';
    payload.groupLabels.alertname = 'Changed';

    expect(notification.alerts[0]!.labels.alertname).toBe('HighLatency');
    expect(notification.groupLabels.alertname).toBe('HighLatency');
  });
});
