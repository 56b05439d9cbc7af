import { AppConfig } from '@app/config';
import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';

import { SecurityEvents, type AuditRecordEvent, type ThreatDetectedEvent } from '../../security/index.js';
import { ThreatMetrics } from '../threat.metrics.js';
import { ThreatEventFolder } from './threat-event-folder.js';
import { ThreatEventRepository } from './threat-event.repository.js';
import type { ThreatDetection } from './threat-event.js';

/** Distinct events held between flushes; beyond it (database down under a varied flood) detections are counted, not kept. */
const MAX_OPEN_EVENTS = 10_000;
const FLUSH_INTERVAL_MS = 1_000;

/**
 * Records what the guard detected: the `threat.detected` event for every request (the automatic IP blocker counts
 * them), and, folded per kind and window, a `threat_events` row and one audit record per row. Rows are written in
 * batches every second and at shutdown; a failed write keeps them pending for the next flush.
 */
@Injectable()
export class ThreatEventRecorder implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(ThreatEventRecorder.name);
  private readonly folder: ThreatEventFolder;
  private interval?: NodeJS.Timeout;
  private flushing?: Promise<void>;

  constructor(
    config: AppConfig,
    private readonly events: EventEmitter2,
    private readonly metrics: ThreatMetrics,
    private readonly repository: ThreatEventRepository,
  ) {
    this.folder = new ThreatEventFolder(config.threat.eventWindowMs, MAX_OPEN_EVENTS);
  }

  onModuleInit(): void {
    this.interval = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.interval.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.interval);
    await this.flush();
  }

  /** Returns the id of the `threat_events` row this detection counts in, or null when it could not be kept. */
  record(detection: ThreatDetection): string | null {
    const blocked = detection.action === 'blocked';
    this.events.emit(SecurityEvents.THREAT_DETECTED, {
      ip: detection.ip,
      category: detection.classes.join(','),
      score: detection.score,
      blocked,
      route: `${detection.method} ${detection.route}`,
      requestId: detection.requestId ?? undefined,
    } satisfies ThreatDetectedEvent);
    const folded = this.folder.fold(detection, new Date());
    if (folded === null) {
      this.metrics.eventDropped();
      return null;
    }
    if (folded.opened) {
      this.events.emit(SecurityEvents.AUDIT, {
        action: blocked ? 'threat.blocked' : 'threat.detected',
        outcome: blocked ? 'denied' : 'success',
        actorType: detection.principal === null ? 'anonymous' : detection.principal.startsWith('key:') ? 'api-key' : 'user',
        actorId: detection.principal?.slice(detection.principal.indexOf(':') + 1),
        ip: detection.ip,
        targetType: 'route',
        targetId: `${detection.method} ${detection.route}`,
        // Rule ids and where they matched, never the matched text: the audit log is exported and read widely.
        metadata: { eventId: folded.eventId, classes: detection.classes, score: detection.score, rules: detection.matches.map(({ ruleId, location }) => `${ruleId}@${location}`) },
        requestId: detection.requestId ?? undefined,
      } satisfies AuditRecordEvent);
    }
    return folded.eventId;
  }

  /** Writes every pending change; one flush at a time, so an older snapshot never overwrites a newer count. */
  flush(): Promise<void> {
    this.flushing ??= this.write().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async write(): Promise<void> {
    const pending = this.folder.takeDirty();
    if (pending.length > 0) {
      try {
        await this.repository.upsert(pending);
      } catch (error) {
        this.folder.restore(pending);
        this.metrics.eventWriteFailed();
        this.logger.warn(`Writing ${pending.length} threat events failed, will retry: ${String(error)}`);
        return;
      }
    }
    this.folder.expire(new Date());
  }
}
