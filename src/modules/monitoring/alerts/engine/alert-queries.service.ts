import type { Page } from '@app/common';
import { Injectable } from '@nestjs/common';

import { AlertClock } from '../alert-clock.js';
import { toAlertView, type AlertView } from '../api/alert-views.js';
import type { AlertEntity, AlertState } from '../entities/alert.entity.js';
import { silencingIds } from '../silences/silence-matcher.js';
import { SilenceRepository } from '../silences/silence.repository.js';
import { AlertRepository } from './alert.repository.js';

/** Alerts as the API shows them: with the silences that mute them now. */
@Injectable()
export class AlertQueries {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly clock: AlertClock,
    private readonly silences: SilenceRepository,
  ) {}

  async list(limit: number, cursor: string | undefined, filter: { state?: AlertState; ruleId?: string }): Promise<Page<AlertView>> {
    const page = await this.alerts.listPage(limit, cursor, filter);
    return { items: await this.withSilences(page.items), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<AlertView> {
    const [view] = await this.withSilences([await this.alerts.getByIdOrThrow(id)]);
    return view!;
  }

  private async withSilences(alerts: AlertEntity[]): Promise<AlertView[]> {
    const now = this.clock.now();
    const silences = alerts.length === 0 ? [] : await this.silences.findUnexpired(now);
    // Silences mute what would be notified: resolved alerts are never muted.
    return alerts.map((alert) => toAlertView(alert, alert.state === 'resolved' ? [] : silencingIds(silences, alert.labels, now)));
  }
}
