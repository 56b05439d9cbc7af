import { stringify } from 'csv-stringify/sync';

import type { AuditRecord } from './audit-record.js';
import type { AuditExportFormat } from './dto/export-audit-events-query.dto.js';
import { toAuditEventDto } from './dto/audit-event.dto.js';

export const EXPORT_COLUMNS = [
  'sequence',
  'occurredAt',
  'action',
  'outcome',
  'actorType',
  'actorId',
  'ip',
  'targetType',
  'targetId',
  'metadata',
  'requestId',
  'idempotencyKey',
  'ingestedBy',
  'prevHash',
  'hash',
] as const;

export const EXPORT_CONTENT_TYPES: Record<AuditExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/** One JSON object per line, exactly the list's item shape. */
export function toJsonLines(records: readonly AuditRecord[]): string {
  return records.map((record) => `${JSON.stringify(toAuditEventDto(record))}\n`).join('');
}

/**
 * RFC 4180 rows (quotes doubled, fields with separators or line breaks quoted); metadata as JSON text. Cells that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR) are prefixed with a quote, since callers choose the
 * action and ids they ingest. The JSONL export is the faithful one for offline chain verification.
 */
export function toCsv(records: readonly AuditRecord[], withHeader: boolean): string {
  const rows = records.map((record) => {
    const item = toAuditEventDto(record);
    return EXPORT_COLUMNS.map((column) => (column === 'metadata' ? JSON.stringify(item.metadata) : item[column]));
  });
  return stringify(rows, {
    header: withHeader,
    columns: [...EXPORT_COLUMNS],
    escape_formulas: true,
    record_delimiter: 'unix',
    cast: { number: (value) => String(value) },
  });
}
