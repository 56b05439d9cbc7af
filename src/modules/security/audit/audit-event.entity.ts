import { Column, Entity, Index, PrimaryColumn, type ValueTransformer } from 'typeorm';

import type { AuditActorType, AuditOutcome } from './audit-record.js';

/** bigint comes back from pg as a string; sequences stay far below 2^53. */
const bigintAsNumber: ValueTransformer = {
  to: (value: number) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** One row of the append-only, hash-chained audit log. Rows are only ever inserted (a trigger enforces it). */
@Entity('audit_events')
// Lists filter by action or actor and page by sequence (keyset): one index serves both.
@Index(['action', 'sequence'])
@Index(['actorId', 'sequence'])
@Index(['ingestedBy', 'idempotencyKey'], { unique: true })
export class AuditEventEntity {
  /** Position in the chain: assigned under the chain lock, contiguous from 1. */
  @PrimaryColumn({ type: 'bigint', transformer: bigintAsNumber })
  sequence!: number;

  @Index()
  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  outcome!: AuditOutcome;

  @Column({ type: 'text' })
  actorType!: AuditActorType;

  @Column({ type: 'text', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @Column({ type: 'text', nullable: true })
  targetType!: string | null;

  @Column({ type: 'text', nullable: true })
  targetId!: string | null;

  @Column({ type: 'jsonb' })
  metadata!: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  requestId!: string | null;

  /**
   * Unique per ingesting principal, so a retried write is stored once: given by services that ingest over HTTP,
   * generated for events recorded in-process (a batch whose commit was lost with the connection is retried safely).
   */
  @Column({ type: 'text' })
  idempotencyKey!: string;

  /** Who wrote the event: `internal` when recorded in-process, else the ingesting principal (`key:<id>`, `user:<id>`, `anonymous`). */
  @Column({ type: 'text' })
  ingestedBy!: string;

  @Column({ type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
