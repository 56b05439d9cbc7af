import { AppConfig } from '@app/config';
import { Injectable } from '@nestjs/common';

import { MonitoringException, MonitoringExceptionCode } from '../monitoring.exception.js';
import { formatEmail } from './format/email-message.js';
import type { AlertGroupNotification } from './notification.types.js';
import { TargetGuard } from './target/target-guard.js';
import { MailTransport } from './transport/mail-transport.js';

/** Email: Alertmanager-style subject, text and HTML bodies, over the configured SMTP server. */
@Injectable()
export class EmailChannelSender {
  constructor(
    private readonly config: AppConfig,
    private readonly guard: TargetGuard,
    private readonly transport: MailTransport,
  ) {}

  check(to: readonly string[]): void {
    if (!this.transport.configured) {
      throw new MonitoringException(MonitoringExceptionCode.EMAIL_NOT_CONFIGURED, 'Email channels need MONITORING_SMTP_URL to be set.');
    }
    this.guard.checkEmailRecipients(to);
  }

  async send(to: readonly string[], notification: AlertGroupNotification): Promise<void> {
    this.check(to);
    try {
      await this.transport.send({ from: this.config.monitoring.smtp.from, to: [...to], ...formatEmail(notification) });
    } catch (error) {
      // The SMTP URL holds credentials: only the server's reply code or the socket error code is passed on.
      throw new MonitoringException(MonitoringExceptionCode.NOTIFICATION_FAILED, `The SMTP server did not accept the email: ${reason(error)}.`);
    }
  }
}

function reason(error: unknown): string {
  const failure = (error ?? {}) as { responseCode?: number; code?: string };
  if (failure.responseCode !== undefined) {
    return `SMTP ${failure.responseCode}`;
  }
  return failure.code ?? 'delivery failed';
}
