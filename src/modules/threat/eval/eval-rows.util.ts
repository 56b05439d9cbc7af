/** An attack row of an evaluation corpus (JSON lines): `payload`, its class `cls` and where it came from. */
export interface AttackRow {
  payload: string;
  cls: string;
  src: string;
  /** The lowest paranoia level expected to catch the row (CRS rows); absent means every level. */
  pl?: number;
}

/** A benign row: `payload`, its `tier` (how hard a negative it is) and where it came from. */
export interface BenignRow {
  payload: string;
  tier: string;
  src: string;
}

function parseLines(text: string, file: string): Array<Record<string, unknown>> {
  const rows: Array<Record<string, unknown>> = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') {
      continue;
    }
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${index + 1}: not valid JSON`);
    }
    if (typeof row !== 'object' || row === null || typeof (row as Record<string, unknown>).payload !== 'string') {
      throw new Error(`${file}:${index + 1}: expected an object with a string "payload"`);
    }
    rows.push(row as Record<string, unknown>);
  }
  return rows;
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

export function parseAttackRows(content: string, file = 'attacks'): AttackRow[] {
  return parseLines(content, file).map((row) => ({
    payload: row.payload as string,
    cls: text(row.cls, '(none)'),
    src: text(row.src, '(none)'),
    ...(typeof row.pl === 'number' ? { pl: row.pl } : {}),
  }));
}

export function parseBenignRows(content: string, file = 'benign'): BenignRow[] {
  return parseLines(content, file).map((row) => ({
    payload: row.payload as string,
    tier: text(row.tier, '(none)'),
    src: text(row.src, '(none)'),
  }));
}

/** The repository a row came from: `src` up to its first `:`. */
export function sourceOf(src: string): string {
  const colon = src.indexOf(':');
  return colon < 0 ? src : src.slice(0, colon);
}
