import { decodeCursor } from './cursor.js';
import { toPage } from './page.js';

interface Row {
  id: number;
  name: string;
}

const rows = (count: number): Row[] => Array.from({ length: count }, (_, index) => ({ id: index + 1, name: `row-${index + 1}` }));
const positionOf = (row: Row): Record<string, number> => ({ id: row.id });

describe('toPage', () => {
  it('returns limit items and a cursor at the last returned row when limit + 1 rows came back', () => {
    const page = toPage(rows(4), 3, positionOf);

    expect(page.items.map((row) => row.id)).toEqual([1, 2, 3]);
    expect(page.nextCursor).not.toBeNull();
    expect(decodeCursor(page.nextCursor!, ['id'])).toEqual({ id: 3 });
  });

  it('returns no cursor when exactly limit rows came back', () => {
    const page = toPage(rows(3), 3, positionOf);

    expect(page.items).toHaveLength(3);
    expect(page.nextCursor).toBeNull();
  });

  it('returns no cursor when fewer than limit rows came back', () => {
    expect(toPage(rows(1), 3, positionOf)).toEqual({ items: rows(1), nextCursor: null });
  });

  it('returns an empty last page for no rows', () => {
    expect(toPage([], 3, positionOf)).toEqual({ items: [], nextCursor: null });
  });

  it('maps rows to items while the cursor uses the row', () => {
    const page = toPage(rows(3), 2, positionOf, (row) => row.name);

    expect(page.items).toEqual(['row-1', 'row-2']);
    expect(decodeCursor(page.nextCursor!, ['id'])).toEqual({ id: 2 });
  });
});
