import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsIP, IsISO8601, IsObject, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';

import { AUDIT_ACTOR_TYPES, AUDIT_INGEST_MAX, AUDIT_OUTCOMES } from '../audit.constants.js';
import type { AuditActorType, AuditOutcome } from '../audit-record.js';

export class IngestAuditEventDto {
  @ApiProperty({ description: 'Unique per event for the calling principal: a retried event is stored once.', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  idempotencyKey!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When it happened; defaults to now. At most 5 minutes ahead.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;

  @ApiProperty({ example: 'orders.refund', description: 'Dotted verb.' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9_.:-]*$/i, { message: 'action must be a dotted verb (letters, digits, _ . : -)' })
  @MaxLength(100)
  action!: string;

  @ApiProperty({ enum: AUDIT_OUTCOMES })
  @IsIn(AUDIT_OUTCOMES)
  outcome!: AuditOutcome;

  @ApiProperty({ enum: AUDIT_ACTOR_TYPES })
  @IsIn(AUDIT_ACTOR_TYPES)
  actorType!: AuditActorType;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actorId?: string;

  @ApiPropertyOptional({ example: '203.0.113.7' })
  @IsOptional()
  @IsIP()
  ip?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  targetType?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  targetId?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Never credentials; credential-like keys are redacted.' })
  @IsOptional()
  @IsObject()
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  requestId?: string;
}

/** `POST /v1/audit/events`: a batch from an internal service, stored before it is acknowledged. */
export class IngestAuditEventsDto {
  @ApiProperty({ type: [IngestAuditEventDto], minItems: 1, maxItems: AUDIT_INGEST_MAX })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(AUDIT_INGEST_MAX)
  @ValidateNested({ each: true })
  @Type(() => IngestAuditEventDto)
  events!: IngestAuditEventDto[];
}

export class IngestAuditEventsResultDto {
  @ApiProperty({ description: 'Events in the request.' })
  received!: number;

  @ApiProperty({ description: 'Events newly stored (durably, before this answer).' })
  stored!: number;

  @ApiProperty({ description: 'Events already stored under the same idempotency key: accepted, not stored again.' })
  duplicates!: number;
}
