import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';

import { principalKey, type Principal } from '../auth/principal.js';
import { SecurityEvents, type AuditRecordEvent } from '../security.events.js';
import { SecurityException, SecurityExceptionCode } from '../security.exception.js';
import { toAuditDraft } from './audit-draft.util.js';
import type { AuditDraft } from './audit-record.js';
import { AuditRepository } from './audit.repository.js';
import { AuditWriter } from './audit-writer.js';
import type { IngestAuditEventDto, IngestAuditEventsResultDto } from './dto/ingest-audit-events.dto.js';

/** Clock skew tolerated on an ingested event's occurredAt. */
const MAX_FUTURE_SKEW_MS = 5 * 60_000;

/** Writing to the audit log: in-process records go through the batching writer, ingested batches straight through. */
@Injectable()
export class AuditService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly writer: AuditWriter,
  ) {}

  /**
   * Enqueues an audit record and returns at once; it is written within the flush interval. Never throws: a
   * malformed event from a producer must not fail the action it was auditing.
   */
  record(event: AuditRecordEvent): void {
    let draft: AuditDraft;
    try {
      draft = toAuditDraft(event);
    } catch (error) {
      // The event is typed, but producers are other modules' code: it may be anything at run time.
      this.writer.discardInvalid((event as { action?: unknown } | null | undefined)?.action, error);
      return;
    }
    this.writer.record(draft);
  }

  @OnEvent(SecurityEvents.AUDIT)
  onAuditEvent(event: AuditRecordEvent): void {
    this.record(event);
  }

  /**
   * Stores a batch from an internal service before answering (write-through, never buffered), so an acknowledged
   * event cannot be lost; events whose idempotency key this principal already used are accepted and not stored again.
   */
  async ingest(events: readonly IngestAuditEventDto[], principal: Principal): Promise<IngestAuditEventsResultDto> {
    const ingestedBy = principalKey(principal) ?? 'anonymous';
    const now = Date.now();
    const drafts = events.map((event, index) => {
      const occurredAt = event.occurredAt === undefined ? new Date(now) : new Date(event.occurredAt);
      if (occurredAt.getTime() > now + MAX_FUTURE_SKEW_MS) {
        throw new SecurityException(SecurityExceptionCode.AUDIT_EVENT_INVALID, `events.${index}.occurredAt is in the future.`, {
          errors: [{ field: `events.${index}.occurredAt`, message: 'must not be more than 5 minutes in the future' }],
        });
      }
      return toAuditDraft(event, { idempotencyKey: event.idempotencyKey, ingestedBy, occurredAt });
    });
    const result = await this.repository.append(drafts);
    return { received: events.length, ...result };
  }
}
