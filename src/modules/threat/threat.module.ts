import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';

import { ThreatEventRecorder } from './events/threat-event-recorder.service.js';
import { ThreatEventRepository } from './events/threat-event.repository.js';
import { ThreatEventsController } from './events/threat-events.controller.js';
import { ThreatGuard } from './guard/threat.guard.js';
import { ThreatInspectController } from './inspect/threat-inspect.controller.js';
import { ThreatEngine } from './threat-engine.service.js';
import { ThreatMetrics } from './threat.metrics.js';

/**
 * Request inspection: the engine under config, the global guard (imported after SecurityModule, so it runs after
 * authentication and rate limiting), detection events and their table, and the inspect API for other services.
 */
@Module({
  controllers: [ThreatEventsController, ThreatInspectController],
  exports: [ThreatEngine],
  providers: [ThreatEngine, ThreatEventRecorder, ThreatEventRepository, ThreatMetrics, { provide: APP_GUARD, useClass: ThreatGuard }],
})
export class ThreatModule {}
