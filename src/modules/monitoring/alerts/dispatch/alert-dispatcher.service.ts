import { AppConfig } from '@app/config';
import { Injectable, Logger } from '@nestjs/common';

import type { AlertStatus } from '../../notify/notification.types.js';
import { AlertsMetrics } from '../alerts.metrics.js';
import { NotificationChannelsService } from '../channels/notification-channels.service.js';
import { AlertRepository } from '../engine/alert.repository.js';
import type { AlertRuleEntity } from '../entities/alert-rule.entity.js';
import type { AlertEntity } from '../entities/alert.entity.js';
import type { NotificationChannelEntity } from '../entities/notification-channel.entity.js';
import type { SilenceEntity } from '../entities/silence.entity.js';
import { AlertRuleRepository } from '../rules/alert-rule.repository.js';
import { silencingIds } from '../silences/silence-matcher.js';
import { SilenceRepository } from '../silences/silence.repository.js';
import { decideGroupNotification, type GroupMember, type GroupTimings } from './group-decision.js';
import { buildGroupNotification } from './notification-builder.js';

interface Member extends GroupMember {
  alert: AlertEntity;
}

const statusOf = (alert: AlertEntity): AlertStatus => (alert.state === 'resolved' ? 'resolved' : 'firing');

/**
 * Alertmanager's dispatch, one group per rule and one receiver per channel: decides per channel what is due, sends
 * it, and records what each channel was told only once it accepted, so a failed delivery is simply due again on the
 * next tick.
 */
@Injectable()
export class AlertDispatcher {
  private readonly logger = new Logger(AlertDispatcher.name);

  constructor(
    private readonly alerts: AlertRepository,
    private readonly channels: NotificationChannelsService,
    private readonly config: AppConfig,
    private readonly metrics: AlertsMetrics,
    private readonly rules: AlertRuleRepository,
    private readonly silences: SilenceRepository,
  ) {}

  async dispatch(now: Date): Promise<void> {
    const due = await this.alerts.findForDispatch();
    if (due.length === 0) {
      return;
    }
    const groups = Map.groupBy(due, (alert) => alert.ruleId);
    const rules = await this.rules.findByIds([...groups.keys()]);
    const channels = new Map((await this.channels.findByIds([...new Set(rules.flatMap((rule) => rule.channelIds))])).map((c) => [c.id, c]));
    const silences = await this.silences.findUnexpired(now);
    for (const rule of rules) {
      const members = groups.get(rule.id) ?? [];
      await this.forgetGoneChannels(members, new Set(rule.channelIds.filter((id) => channels.has(id))));
      for (const channelId of rule.channelIds) {
        const channel = channels.get(channelId);
        if (channel !== undefined) {
          await this.dispatchGroup(rule, channel, members, silences, now);
        }
      }
    }
  }

  private async dispatchGroup(rule: AlertRuleEntity, channel: NotificationChannelEntity, alerts: AlertEntity[], silences: SilenceEntity[], now: Date): Promise<void> {
    const members: Member[] = alerts.map((alert) => {
      const delivery = alert.deliveries[channel.id];
      return {
        alert,
        status: statusOf(alert),
        silenced: silencingIds(silences, alert.labels, now).length > 0,
        firedAt: alert.firedAt ?? alert.activeAt,
        delivered: delivery?.status ?? null,
        deliveredAt: delivery ? new Date(delivery.at) : null,
      };
    });
    const toSend = decideGroupNotification(members, now, this.timingsOf(rule));
    if (toSend === null) {
      return;
    }
    const notification = buildGroupNotification(
      toSend.map((member) => member.alert),
      { receiver: channel.name, ruleName: rule.name, externalUrl: this.config.monitoring.externalUrl },
    );
    try {
      await this.channels.send(channel, notification);
    } catch (error) {
      this.metrics.failed(channel.kind);
      this.logger.warn(`Notifying ${channel.name} about ${rule.name} failed (retried next evaluation): ${(error as Error).message}`);
      return;
    }
    for (const { alert } of toSend) {
      alert.deliveries = { ...alert.deliveries, [channel.id]: { status: statusOf(alert), at: now.toISOString() } };
      alert.lastNotifiedAt = now;
      await this.alerts.save(alert);
    }
  }

  /**
   * A resolved alert waits for its resolution to reach every channel that heard it fire; a channel the rule no longer
   * sends to (or that was deleted) never will, so it stops waiting for that one rather than being looked at forever.
   */
  private async forgetGoneChannels(alerts: AlertEntity[], current: ReadonlySet<string>): Promise<void> {
    for (const alert of alerts) {
      const gone = Object.keys(alert.deliveries).filter((id) => !current.has(id));
      if (alert.state === 'resolved' && gone.length > 0) {
        alert.deliveries = Object.fromEntries(Object.entries(alert.deliveries).filter(([id]) => current.has(id)));
        await this.alerts.save(alert);
      }
    }
  }

  private timingsOf(rule: AlertRuleEntity): GroupTimings {
    const { groupWaitMs, groupIntervalMs, repeatIntervalMs } = this.config.monitoring.alerts;
    return { groupWaitMs, groupIntervalMs, repeatIntervalMs: rule.repeatIntervalMs ?? repeatIntervalMs };
  }
}
