import { MetricsRegistry } from '@app/common';
import type { AppConfig } from '@app/config';

import { MonitoringException, MonitoringExceptionCode } from '../../monitoring.exception.js';
import type { AlertGroupNotification } from '../../notify/notification.types.js';
import { AlertsMetrics } from '../alerts.metrics.js';
import type { NotificationChannelsService } from '../channels/notification-channels.service.js';
import type { AlertRepository } from '../engine/alert.repository.js';
import type { AlertRuleEntity } from '../entities/alert-rule.entity.js';
import type { AlertEntity } from '../entities/alert.entity.js';
import type { NotificationChannelEntity } from '../entities/notification-channel.entity.js';
import type { SilenceEntity } from '../entities/silence.entity.js';
import type { AlertRuleRepository } from '../rules/alert-rule.repository.js';
import type { SilenceRepository } from '../silences/silence.repository.js';
import { AlertDispatcher } from './alert-dispatcher.service.js';

const T0 = new Date('2026-01-01T00:00:00.000Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);
const CHANNEL: NotificationChannelEntity = { id: 'c1', name: 'ops', kind: 'webhook', secret: 'x', description: 'h', createdAt: T0 };

function firingAlert(): AlertEntity {
  return {
    id: 'a1',
    ruleId: 'r1',
    fingerprint: '0123456789abcdef',
    state: 'firing',
    value: 5,
    activeAt: T0,
    firedAt: T0,
    resolvedAt: null,
    lastEvaluatedAt: T0,
    lastNotifiedAt: null,
    deliveries: {},
    labels: { alertname: 'High', severity: 'warning' },
    annotations: {},
  };
}

describe(AlertDispatcher.name, () => {
  let alerts: AlertEntity[];
  let rule: AlertRuleEntity;
  let silences: SilenceEntity[];
  let sent: AlertGroupNotification[];
  let refuse: boolean;
  let dispatcher: AlertDispatcher;

  beforeEach(() => {
    alerts = [firingAlert()];
    rule = { id: 'r1', name: 'High', channelIds: ['c1'], repeatIntervalMs: null } as AlertRuleEntity;
    silences = [];
    sent = [];
    refuse = false;
    const alertRepository = {
      findForDispatch: () => Promise.resolve(alerts.filter((a) => a.state === 'firing' || Object.values(a.deliveries).some((d) => d.status === 'firing'))),
      save: () => Promise.resolve(),
    } as unknown as AlertRepository;
    const channels = {
      findByIds: (ids: string[]) => Promise.resolve(ids.includes(CHANNEL.id) ? [CHANNEL] : []),
      send: (_channel: NotificationChannelEntity, notification: AlertGroupNotification) => {
        if (refuse) {
          return Promise.reject(new MonitoringException(MonitoringExceptionCode.NOTIFICATION_FAILED, 'refused'));
        }
        sent.push(notification);
        return Promise.resolve();
      },
    } as unknown as NotificationChannelsService;
    const config = { monitoring: { externalUrl: 'https://b.example', alerts: { groupWaitMs: 30_000, groupIntervalMs: 300_000, repeatIntervalMs: 3_600_000 } } } as AppConfig;
    const rules = { findByIds: () => Promise.resolve([rule]) } as unknown as AlertRuleRepository;
    const silenceRepository = { findUnexpired: () => Promise.resolve(silences) } as unknown as SilenceRepository;
    dispatcher = new AlertDispatcher(alertRepository, channels, config, new AlertsMetrics(new MetricsRegistry()), rules, silenceRepository);
  });

  describe('dispatch', () => {
    it('sends after group_wait and records the delivery, so nothing is sent again before repeat_interval', async () => {
      await dispatcher.dispatch(at(29_999));
      expect(sent).toEqual([]);

      await dispatcher.dispatch(at(30_000));
      await dispatcher.dispatch(at(60_000));
      expect(sent.map((n) => n.status)).toEqual(['firing']);
      expect(alerts[0]!.deliveries).toEqual({ c1: { status: 'firing', at: at(30_000).toISOString() } });
      expect(alerts[0]!.lastNotifiedAt).toEqual(at(30_000));
    });

    it('records nothing when the channel refuses, and sends on the next dispatch', async () => {
      refuse = true;
      await dispatcher.dispatch(at(30_000));
      expect(alerts[0]!.deliveries).toEqual({});

      refuse = false;
      await dispatcher.dispatch(at(31_000));
      expect(sent).toHaveLength(1);
    });

    it('does not send an alert an active silence matches', async () => {
      silences = [{ id: 's1', matchers: [{ name: 'alertname', value: 'High', isEqual: true }], startsAt: T0, endsAt: at(3_600_000), createdBy: 't', comment: '', createdAt: T0 }];

      await dispatcher.dispatch(at(60_000));
      expect(sent).toEqual([]);
    });

    it('sends the resolution once to a channel that heard the alert fire', async () => {
      await dispatcher.dispatch(at(30_000));
      alerts[0] = { ...alerts[0]!, state: 'resolved', resolvedAt: at(100_000) };

      await dispatcher.dispatch(at(330_000));
      await dispatcher.dispatch(at(900_000));
      expect(sent.map((n) => n.status)).toEqual(['firing', 'resolved']);
    });

    it('stops waiting to send a resolution to a channel the rule no longer uses', async () => {
      await dispatcher.dispatch(at(30_000));
      alerts[0] = { ...alerts[0]!, state: 'resolved', resolvedAt: at(100_000) };
      rule.channelIds = [];

      await dispatcher.dispatch(at(330_000));
      expect(alerts[0].deliveries).toEqual({});
      expect(sent).toHaveLength(1);
    });
  });
});
