import { MetricsRegistry } from '@app/common';
import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';

import type { ChannelKind } from '../notify/notification.types.js';
import type { AlertState } from './entities/alert.entity.js';

/** `bulwark_monitoring_alert*`: alert states (as of this instance's last evaluation), deliveries to retry, evaluation time. */
@Injectable()
export class AlertsMetrics {
  private readonly alerts: Gauge<'state'>;
  private readonly failures: Counter<'kind'>;
  private readonly evaluation: Histogram;

  constructor(registry: MetricsRegistry) {
    this.alerts = new Gauge({ name: 'bulwark_monitoring_alerts', help: 'Alerts by state at the last evaluation this instance ran.', labelNames: ['state'], registers: [registry] });
    this.failures = new Counter({
      name: 'bulwark_monitoring_alert_notifications_failed_total',
      help: 'Alert group notifications dispatch could not deliver and retries on the next evaluation, by channel kind (every attempt, sent or not, is in bulwark_monitoring_notifications_total).',
      labelNames: ['kind'],
      registers: [registry],
    });
    this.evaluation = new Histogram({
      name: 'bulwark_monitoring_alert_evaluation_duration_seconds',
      help: 'Time one evaluation of every alert rule and its dispatch took.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  setStates(counts: Record<AlertState, number>): void {
    for (const [state, count] of Object.entries(counts)) {
      this.alerts.set({ state }, count);
    }
  }

  failed(kind: ChannelKind): void {
    this.failures.inc({ kind });
  }

  startEvaluation(): () => void {
    const end = this.evaluation.startTimer();
    return () => {
      end();
    };
  }
}
