import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';

import { AUDIT_OUTCOMES } from '../audit.constants.js';
import type { AuditFilter, AuditOutcome } from '../audit-record.js';

/** Filters shared by the list and the export. */
export class AuditFilterQueryDto {
  @ApiPropertyOptional({ example: 'api_key.created' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actorId?: string;

  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES })
  @IsOptional()
  @IsIn(AUDIT_OUTCOMES)
  outcome?: AuditOutcome;

  @ApiPropertyOptional({ format: 'date-time', description: 'Events that occurred at or after this instant.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Events that occurred before this instant.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export function toAuditFilter(query: AuditFilterQueryDto): AuditFilter {
  return {
    action: query.action,
    actorId: query.actorId,
    outcome: query.outcome,
    from: query.from === undefined ? undefined : new Date(query.from),
    to: query.to === undefined ? undefined : new Date(query.to),
  };
}
