import { MetricsRegistry } from '@app/common';
import { Injectable, Module } from '@nestjs/common';

import { MonitoringException, MonitoringExceptionCode } from '../monitoring.exception.js';
import { AlertNotifier, type AlertGroupNotification, type ChannelTarget } from '../notify/notification.types.js';
import { SignalReader, type SignalQuery } from '../signals/signal.types.js';

// INTERIM until NotifyModule and SignalsModule land on main: removed on merge.
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

@Injectable()
class InterimSignals extends SignalReader {
  constructor(private readonly registry: MetricsRegistry) {
    super();
  }

  async read(query: SignalQuery): Promise<number | null> {
    const metric = query.metric === undefined ? undefined : this.registry.getSingleMetric(query.metric);
    if (metric === undefined) {
      return null;
    }
    const values = (await metric.get()).values.filter((v) => Object.entries(query.labels ?? {}).every(([k, x]) => String(v.labels[k]) === x));
    return values.length === 0 ? null : values.reduce((sum, v) => sum + v.value, 0);
  }
}

@Module({
  exports: [AlertNotifier, SignalReader],
  providers: [
    { provide: AlertNotifier, useClass: InterimNotifier },
    { provide: SignalReader, useClass: InterimSignals },
  ],
})
export class InterimProvidersModule {}
