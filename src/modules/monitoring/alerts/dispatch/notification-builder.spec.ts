import type { AlertEntity } from '../entities/alert.entity.js';
import { buildGroupNotification, ZERO_TIME } from './notification-builder.js';

const firedAt = new Date('2026-01-01T00:00:00.000Z');

function alert(overrides: Partial<AlertEntity>): AlertEntity {
  return {
    id: 'a1',
    ruleId: 'r1',
    fingerprint: '0123456789abcdef',
    state: 'firing',
    value: 2,
    activeAt: firedAt,
    firedAt,
    resolvedAt: null,
    lastEvaluatedAt: firedAt,
    lastNotifiedAt: null,
    deliveries: {},
    labels: { alertname: 'High', severity: 'critical', team: 'core' },
    annotations: { summary: 'value 2' },
    ...overrides,
  };
}

describe('buildGroupNotification', () => {
  const context = { receiver: 'ops', ruleName: 'High', externalUrl: 'https://bulwark.example.com' };

  it('builds the Alertmanager v4 fields of a firing group', () => {
    const notification = buildGroupNotification([alert({})], context);

    expect(notification).toEqual({
      receiver: 'ops',
      status: 'firing',
      groupKey: '{}:{alertname="High"}',
      groupLabels: { alertname: 'High' },
      commonLabels: { alertname: 'High', severity: 'critical', team: 'core' },
      commonAnnotations: { summary: 'value 2' },
      externalURL: 'https://bulwark.example.com',
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'High', severity: 'critical', team: 'core' },
          annotations: { summary: 'value 2' },
          startsAt: '2026-01-01T00:00:00.000Z',
          endsAt: ZERO_TIME,
          generatorURL: 'https://bulwark.example.com/v1/monitoring/alerts/a1',
          fingerprint: '0123456789abcdef',
          value: 2,
        },
      ],
      truncatedAlerts: 0,
    });
  });

  it('is firing while any alert fires, resolved when all are, and keeps only labels all alerts share', () => {
    const resolved = alert({ id: 'a2', state: 'resolved', resolvedAt: new Date('2026-01-01T01:00:00.000Z'), labels: { alertname: 'High', severity: 'warning' } });

    expect(buildGroupNotification([alert({}), resolved], context)).toMatchObject({ status: 'firing', commonLabels: { alertname: 'High' } });
    const allResolved = buildGroupNotification([resolved], context);
    expect(allResolved.status).toBe('resolved');
    expect(allResolved.alerts[0]).toMatchObject({ status: 'resolved', endsAt: '2026-01-01T01:00:00.000Z' });
  });
});
