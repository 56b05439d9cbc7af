import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

import { AuditFilterQueryDto } from './audit-filter-query.dto.js';

export const AUDIT_EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

/** `GET /v1/audit/events/export`: the list's filters, in chain order, as JSON Lines or CSV. */
export class ExportAuditEventsQueryDto extends AuditFilterQueryDto {
  @ApiPropertyOptional({ enum: AUDIT_EXPORT_FORMATS, default: 'jsonl' })
  @IsOptional()
  @IsIn(AUDIT_EXPORT_FORMATS)
  format: AuditExportFormat = 'jsonl';
}
