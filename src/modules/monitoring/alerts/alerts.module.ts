import { Module } from '@nestjs/common';

import { CryptoModule } from '../../security/index.js';
import { ActiveAlertsSource } from '../live/active-alerts.source.js';
import { NotifyModule } from '../notify/index.js';
import { SignalsModule } from '../signals/signals.module.js';
import { AlertClock } from './alert-clock.js';
import { AlertsMetrics } from './alerts.metrics.js';
import { AlertRulesController } from './api/alert-rules.controller.js';
import { AlertsController } from './api/alerts.controller.js';
import { ChannelsController } from './api/channels.controller.js';
import { SilencesController } from './api/silences.controller.js';
import { NotificationChannelRepository } from './channels/notification-channel.repository.js';
import { NotificationChannelsService } from './channels/notification-channels.service.js';
import { AlertDispatcher } from './dispatch/alert-dispatcher.service.js';
import { AlertCountsService } from './engine/alert-counts.service.js';
import { AlertEvaluator } from './engine/alert-evaluator.service.js';
import { AlertQueries } from './engine/alert-queries.service.js';
import { AlertScheduler } from './engine/alert-scheduler.service.js';
import { AlertRepository } from './engine/alert.repository.js';
import { AlertRuleRepository } from './rules/alert-rule.repository.js';
import { AlertRulesService } from './rules/alert-rules.service.js';
import { SilenceRepository } from './silences/silence.repository.js';
import { SilencesService } from './silences/silences.service.js';

/**
 * Alert rules evaluated on an interval (one instance at a time, by advisory lock), alerts through pending → firing
 * → resolved, Alertmanager-style grouped notifications with repeat and resolve, silences, and notification channels.
 */
@Module({
  controllers: [AlertRulesController, AlertsController, ChannelsController, SilencesController],
  exports: [ActiveAlertsSource],
  imports: [CryptoModule, NotifyModule, SignalsModule],
  providers: [
    { provide: ActiveAlertsSource, useClass: AlertCountsService },
    AlertClock,
    AlertDispatcher,
    AlertEvaluator,
    AlertQueries,
    AlertRepository,
    AlertRuleRepository,
    AlertRulesService,
    AlertScheduler,
    AlertsMetrics,
    NotificationChannelRepository,
    NotificationChannelsService,
    SilenceRepository,
    SilencesService,
  ],
})
export class AlertsModule {}
