import { AppConfig } from '@app/config';
import { Module } from '@nestjs/common';

import { ChannelAlertNotifier } from './channel-alert.notifier.js';
import { EmailChannelSender } from './email-channel.sender.js';
import { HttpChannelSender } from './http-channel.sender.js';
import { AlertNotifier } from './notification.types.js';
import { NotifyMetrics } from './notify.metrics.js';
import { DnsHostResolver, HostResolver } from './target/host-resolver.js';
import { TargetGuard } from './target/target-guard.js';
import { HttpPoster, NodeHttpPoster } from './transport/http-poster.js';
import { MailTransport, NodemailerMailTransport } from './transport/mail-transport.js';

function createMailTransport(config: AppConfig): MailTransport {
  return new NodemailerMailTransport(config.monitoring.smtp.url, config.monitoring.alerts.notifyTimeoutMs);
}

/** Alert notifiers (Alertmanager webhook, Slack, Discord, email) behind `AlertNotifier`, with the SSRF gate. */
@Module({
  exports: [AlertNotifier],
  providers: [
    EmailChannelSender,
    HttpChannelSender,
    NotifyMetrics,
    TargetGuard,
    { provide: AlertNotifier, useClass: ChannelAlertNotifier },
    { provide: HostResolver, useClass: DnsHostResolver },
    { provide: HttpPoster, useClass: NodeHttpPoster },
    { inject: [AppConfig], provide: MailTransport, useFactory: createMailTransport },
  ],
})
export class NotifyModule {}
