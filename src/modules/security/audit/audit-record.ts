import type { AuditOutcome, AuditRecordEvent } from '../security.events.js';

export type { AuditOutcome };
export type AuditActorType = AuditRecordEvent['actorType'];

/** An audit event ready to be chained: every field the hash covers except the chain position. */
export interface AuditDraft {
  occurredAt: Date;
  action: string;
  outcome: AuditOutcome;
  actorType: AuditActorType;
  actorId: string | null;
  ip: string | null;
  targetType: string | null;
  targetId: string | null;
  metadata: Record<string, unknown>;
  requestId: string | null;
  idempotencyKey: string;
  ingestedBy: string;
}

/** A stored audit event: the draft plus its place in the chain. */
export interface AuditRecord extends AuditDraft {
  sequence: number;
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  outcome?: AuditOutcome;
  /** Inclusive lower bound on occurredAt. */
  from?: Date;
  /** Exclusive upper bound on occurredAt. */
  to?: Date;
}

export interface AppendResult {
  stored: number;
  duplicates: number;
}
