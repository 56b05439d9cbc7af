import { EXPORT_COLUMNS, toCsv, toJsonLines } from './audit-export.util.js';
import type { AuditRecord } from './audit-record.js';

function record(sequence: number, overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    sequence,
    occurredAt: new Date('2026-11-22T10:00:00.000Z'),
    action: 'auth.login',
    outcome: 'success',
    actorType: 'user',
    actorId: 'u-1',
    ip: null,
    targetType: null,
    targetId: null,
    metadata: { note: 'a "quoted", multi\nline note' },
    requestId: null,
    idempotencyKey: `idem-${sequence}`,
    ingestedBy: 'internal',
    prevHash: '0'.repeat(64),
    hash: 'f'.repeat(64),
    ...overrides,
  };
}

/** A strict RFC 4180 reader (quoted fields, doubled quotes, line breaks inside quotes), header row as keys. */
function parse(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      records.push([...row, field]);
      row = [];
      field = '';
    } else {
      field += char;
    }
  }
  const [header, ...body] = records;
  return body.map((values) => Object.fromEntries(header!.map((name, column) => [name, values[column]!])));
}

describe(toJsonLines.name, () => {
  it('writes one JSON object per line with ISO timestamps', () => {
    const lines = toJsonLines([record(1), record(2)]).split('\n');

    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[0]!)).toMatchObject({ sequence: 1, occurredAt: '2026-11-22T10:00:00.000Z', metadata: { note: 'a "quoted", multi\nline note' } });
    expect(JSON.parse(lines[1]!)).toMatchObject({ sequence: 2 });
  });
});

describe(toCsv.name, () => {
  it('writes the header only when asked, then RFC 4180 rows that parse back to the same values', () => {
    const text = toCsv([record(1, { actorId: 'a,b' })], true) + toCsv([record(2)], false);

    const rows = parse(text);

    expect(Object.keys(rows[0]!)).toEqual([...EXPORT_COLUMNS]);
    expect(rows.map((row) => row.sequence)).toEqual(['1', '2']);
    expect(rows[0]!.actorId).toBe('a,b');
    expect(JSON.parse(rows[0]!.metadata!)).toEqual({ note: 'a "quoted", multi\nline note' });
    expect(rows[0]!.ip).toBe('');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    const [row] = parse(toCsv([record(1, { actorId: '=HYPERLINK("http://evil")', targetId: '@SUM(A1)' })], true));

    expect(row!.actorId).toBe('\'=HYPERLINK("http://evil")');
    expect(row!.targetId).toBe('\'@SUM(A1)');
  });
});
