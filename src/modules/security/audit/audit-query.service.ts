import { CommonException, CommonExceptionCode, decodeCursor, toPage, type Page } from '@app/common';
import { Injectable } from '@nestjs/common';

import { AUDIT_SCAN_PAGE } from './audit.constants.js';
import { toCsv, toJsonLines } from './audit-export.util.js';
import type { AuditFilter, AuditRecord } from './audit-record.js';
import { AuditRepository } from './audit.repository.js';
import { toAuditEventDto, type AuditEventDto } from './dto/audit-event.dto.js';
import type { AuditExportFormat } from './dto/export-audit-events-query.dto.js';

function sequenceOf(cursor: string): number {
  const sequence = decodeCursor(cursor, ['sequence']).sequence;
  if (typeof sequence !== 'number' || !Number.isSafeInteger(sequence) || sequence < 1) {
    throw new CommonException(CommonExceptionCode.INVALID_CURSOR, 'The cursor is malformed or expired; start again without one.');
  }
  return sequence;
}

/** Reading the audit log: filtered pages (newest first) and streamed exports (chain order). */
@Injectable()
export class AuditQueryService {
  constructor(private readonly repository: AuditRepository) {}

  async list(filter: AuditFilter, limit: number, cursor?: string): Promise<Page<AuditEventDto>> {
    const before = cursor === undefined ? undefined : sequenceOf(cursor);
    const rows = await this.repository.findEvents(filter, { before }, limit + 1, 'DESC');
    return toPage(rows, limit, (row) => ({ sequence: row.sequence }), toAuditEventDto);
  }

  /**
   * The export as text chunks, one per page of rows, up to the newest event when it starts (so it ends even while
   * events keep coming). The first page is read before this resolves: a database that is down answers 503
   * problem+json rather than a download that breaks off.
   */
  async export(filter: AuditFilter, format: AuditExportFormat): Promise<AsyncIterable<string>> {
    const upTo = await this.repository.lastSequence();
    const first = await this.repository.findEvents(filter, { upTo }, AUDIT_SCAN_PAGE, 'ASC');
    return this.render(this.pages(first, filter, upTo), format);
  }

  private async *pages(first: AuditRecord[], filter: AuditFilter, upTo: number): AsyncGenerator<AuditRecord[]> {
    let rows = first;
    yield rows;
    while (rows.length === AUDIT_SCAN_PAGE) {
      rows = await this.repository.findEvents(filter, { after: rows.at(-1)!.sequence, upTo }, AUDIT_SCAN_PAGE, 'ASC');
      yield rows;
    }
  }

  private async *render(pages: AsyncIterable<AuditRecord[]>, format: AuditExportFormat): AsyncGenerator<string> {
    let withHeader = true;
    for await (const rows of pages) {
      const chunk = format === 'csv' ? toCsv(rows, withHeader) : toJsonLines(rows);
      withHeader = false;
      if (chunk.length > 0) {
        yield chunk;
      }
    }
  }
}
