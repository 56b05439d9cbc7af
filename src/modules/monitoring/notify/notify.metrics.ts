import { MetricsRegistry } from '@app/common';
import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';

import { CHANNEL_KINDS, type ChannelKind } from './notification.types.js';

export type NotificationResult = 'sent' | 'failed' | 'forbidden';

/** `bulwark_monitoring_notifications_total{channel,result}`. */
@Injectable()
export class NotifyMetrics {
  private readonly notifications: Counter<'channel' | 'result'>;

  constructor(registry: MetricsRegistry) {
    this.notifications = new Counter({
      name: 'bulwark_monitoring_notifications_total',
      help: 'Alert notifications by channel kind and result: sent, failed (receiver refused, timed out or unreachable), forbidden (target refused by the SSRF check).',
      labelNames: ['channel', 'result'],
      registers: [registry],
    });
    for (const channel of CHANNEL_KINDS) {
      this.notifications.inc({ channel, result: 'sent' }, 0);
    }
  }

  notified(channel: ChannelKind, result: NotificationResult): void {
    this.notifications.inc({ channel, result });
  }
}
