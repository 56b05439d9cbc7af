import { Injectable } from '@nestjs/common';

import { ActiveAlertsSource, type ActiveAlertCounts } from '../../live/active-alerts.source.js';
import { AlertRepository } from './alert.repository.js';

/** Firing and pending alerts as the live stream shows them, read from the table every instance shares. */
@Injectable()
export class AlertCountsService extends ActiveAlertsSource {
  constructor(private readonly alerts: AlertRepository) {
    super();
  }

  async counts(): Promise<ActiveAlertCounts> {
    const { firing, pending } = await this.alerts.countByState();
    return { firing, pending };
  }
}
