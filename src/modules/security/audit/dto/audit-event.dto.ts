import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { AUDIT_ACTOR_TYPES, AUDIT_OUTCOMES } from '../audit.constants.js';
import type { AuditActorType, AuditOutcome, AuditRecord } from '../audit-record.js';

/** One stored audit event, with its chain links so an export can be verified offline. */
export class AuditEventDto {
  @ApiProperty({ description: 'Position in the hash chain, from 1.' })
  sequence!: number;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ example: 'api_key.created' })
  action!: string;

  @ApiProperty({ enum: AUDIT_OUTCOMES })
  outcome!: AuditOutcome;

  @ApiProperty({ enum: AUDIT_ACTOR_TYPES })
  actorType!: AuditActorType;

  @ApiPropertyOptional({ type: String, nullable: true })
  actorId!: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  ip!: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  targetType!: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  targetId!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true })
  metadata!: Record<string, unknown>;

  @ApiPropertyOptional({ type: String, nullable: true })
  requestId!: string | null;

  @ApiProperty({ description: 'Idempotency key (given by the ingesting service, or generated).' })
  idempotencyKey!: string;

  @ApiProperty({ description: '`internal`, or the principal that ingested the event.' })
  ingestedBy!: string;

  @ApiProperty({ description: 'SHA-256 (hex) of the previous event.' })
  prevHash!: string;

  @ApiProperty({ description: 'SHA-256 (hex) over this event and prevHash.' })
  hash!: string;
}

export function toAuditEventDto(record: AuditRecord): AuditEventDto {
  return { ...record, occurredAt: record.occurredAt.toISOString() };
}
