import { Injectable, Logger, Optional } from '@nestjs/common';

import { RuntimeSampler } from '../runtime/runtime-sampler.service.js';
import { MonitoringSummaryService } from '../summary/monitoring-summary.service.js';
import { ActiveAlertsSource, type ActiveAlertCounts } from './active-alerts.source.js';
import { LIVE_TOP_ROUTES, LIVE_WINDOW, toLiveTick, type LiveTick } from './live-tick.js';

/** Builds the payload of one live tick from the summary, the runtime sampler and (when wired) the alerts. */
@Injectable()
export class LiveTickBuilder {
  private readonly logger = new Logger(LiveTickBuilder.name);

  constructor(
    private readonly runtime: RuntimeSampler,
    private readonly summaries: MonitoringSummaryService,
    @Optional() private readonly alerts?: ActiveAlertsSource,
  ) {}

  async build(): Promise<LiveTick> {
    const [summary, alerts] = await Promise.all([this.summaries.summary(LIVE_WINDOW, LIVE_TOP_ROUTES), this.activeAlerts()]);
    return toLiveTick(summary, this.runtime.latest(), alerts);
  }

  // The alerts panel is one part of the picture: when its source fails the tick still goes out, saying "unknown".
  private async activeAlerts(): Promise<ActiveAlertCounts | null> {
    if (this.alerts === undefined) {
      return null;
    }
    try {
      return await this.alerts.counts();
    } catch (error) {
      this.logger.warn(`Active alerts could not be read for the live stream: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }
}
