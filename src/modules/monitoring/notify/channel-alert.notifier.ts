import { Injectable } from '@nestjs/common';

import { MonitoringException, MonitoringExceptionCode } from '../monitoring.exception.js';
import { EmailChannelSender } from './email-channel.sender.js';
import { HttpChannelSender } from './http-channel.sender.js';
import { type AlertGroupNotification, AlertNotifier, type ChannelTarget } from './notification.types.js';
import { NotifyMetrics } from './notify.metrics.js';
import { TargetGuard } from './target/target-guard.js';

/** The `AlertNotifier`: sends through the sender for the target's kind and counts every outcome. */
@Injectable()
export class ChannelAlertNotifier extends AlertNotifier {
  constructor(
    private readonly email: EmailChannelSender,
    private readonly guard: TargetGuard,
    private readonly http: HttpChannelSender,
    private readonly metrics: NotifyMetrics,
  ) {
    super();
  }

  async checkTarget(target: ChannelTarget): Promise<void> {
    if (target.kind === 'email') {
      this.email.check(target.to);
      return;
    }
    await this.guard.checkUrl(target.url, MonitoringExceptionCode.FORBIDDEN_TARGET);
  }

  async send(target: ChannelTarget, notification: AlertGroupNotification): Promise<void> {
    try {
      if (target.kind === 'email') {
        await this.email.send(target.to, notification);
      } else {
        await this.http.send(target, notification);
      }
    } catch (error) {
      const forbidden = error instanceof MonitoringException && error.code === (MonitoringExceptionCode.FORBIDDEN_TARGET as string);
      this.metrics.notified(target.kind, forbidden ? 'forbidden' : 'failed');
      throw error;
    }
    this.metrics.notified(target.kind, 'sent');
  }
}
