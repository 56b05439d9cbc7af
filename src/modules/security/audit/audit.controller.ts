import { ThreatPolicy } from '@app/common';
import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';

import { CurrentPrincipal, RequireScopes } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { Scope } from '../security.constants.js';
import { EXPORT_CONTENT_TYPES } from './audit-export.util.js';
import { AuditQueryService } from './audit-query.service.js';
import { AuditService } from './audit.service.js';
import { AuditVerifier } from './audit-verifier.service.js';
import { toAuditFilter } from './dto/audit-filter-query.dto.js';
import { AuditEventPageDto } from './dto/audit-event-page.dto.js';
import { ChainVerificationDto } from './dto/chain-verification.dto.js';
import { ExportAuditEventsQueryDto } from './dto/export-audit-events-query.dto.js';
import { IngestAuditEventsDto, IngestAuditEventsResultDto } from './dto/ingest-audit-events.dto.js';
import { ListAuditEventsQueryDto } from './dto/list-audit-events-query.dto.js';

@ApiTags('audit')
@Controller({ path: 'audit', version: '1' })
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly query: AuditQueryService,
    private readonly verifier: AuditVerifier,
  ) {}

  @Get('events')
  @RequireScopes(Scope.AUDIT_READ)
  @ApiOperation({ summary: 'Audit events, newest first, filtered, with cursor pagination.' })
  @ApiOkResponse({ type: AuditEventPageDto })
  list(@Query() query: ListAuditEventsQueryDto): Promise<AuditEventPageDto> {
    return this.query.list(toAuditFilter(query), query.limit, query.cursor);
  }

  @Get('events/export')
  @RequireScopes(Scope.AUDIT_READ)
  @ApiOperation({ summary: 'Streams the filtered events in chain order as JSON Lines or CSV.' })
  @ApiProduces(EXPORT_CONTENT_TYPES.jsonl, EXPORT_CONTENT_TYPES.csv)
  async export(@Query() query: ExportAuditEventsQueryDto): Promise<StreamableFile> {
    const chunks = await this.query.export(toAuditFilter(query), query.format);
    return new StreamableFile(Readable.from(chunks), {
      disposition: `attachment; filename="audit-events.${query.format}"`,
      type: EXPORT_CONTENT_TYPES[query.format],
    });
  }

  @Post('events')
  // Audit records describe attacks as often as anything else, in bulk, from services holding audit:write; they are
  // stored as data and never interpreted, so inspecting them would only refuse the evidence.
  @ThreatPolicy('off')
  @HttpCode(HttpStatus.OK)
  @RequireScopes(Scope.AUDIT_WRITE)
  @ApiOperation({ summary: 'Stores a batch of audit events from an internal service before answering; idempotent per key.' })
  @ApiOkResponse({ type: IngestAuditEventsResultDto })
  ingest(@Body() body: IngestAuditEventsDto, @CurrentPrincipal() principal: Principal): Promise<IngestAuditEventsResultDto> {
    return this.audit.ingest(body.events, principal);
  }

  @Get('verify')
  @RequireScopes(Scope.AUDIT_READ)
  @ApiOperation({ summary: 'Walks the whole hash chain and reports the first broken event, if any.' })
  @ApiOkResponse({ type: ChainVerificationDto })
  verify(): Promise<ChainVerificationDto> {
    return this.verifier.verify();
  }
}
