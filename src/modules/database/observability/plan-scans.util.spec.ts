import { filterColumns, filteredSeqScans } from './plan-scans.util.js';

describe('filterColumns', () => {
  it.each([
    ['(customer_id = $1)', ['customer_id'], ['customer_id']],
    ["((status)::text = 'open'::text)", ['status'], ['status']],
    ['((customer_id = $1) AND (created_at >= $2))', ['customer_id', 'created_at'], ['customer_id']],
    ['(name ~~ $1)', ['name'], []],
    ['(id = ANY ($1))', ['id'], ['id']],
    ['((a < 5) OR (b <> $1))', ['a', 'b'], []],
  ])('%s → %j', (filter, columns, equality) => {
    expect(filterColumns(filter)).toEqual({ columns, equalityColumns: equality });
  });
});

describe('filteredSeqScans', () => {
  it('finds filtered sequential scans anywhere in the plan', () => {
    const plan = {
      'Node Type': 'Hash Join',
      Plans: [
        { 'Node Type': 'Seq Scan', 'Relation Name': 'orders', Filter: '(customer_id = $1)', 'Plan Rows': 40, 'Total Cost': 3774 },
        { 'Node Type': 'Hash', Plans: [{ 'Node Type': 'Seq Scan', 'Relation Name': 'customers', 'Plan Rows': 5000, 'Total Cost': 80 }] },
        { 'Node Type': 'Index Scan', 'Relation Name': 'items', Filter: '(qty > 1)' },
      ],
    };

    expect(filteredSeqScans(plan)).toEqual([{ table: 'orders', columns: ['customer_id'], equalityColumns: ['customer_id'], rows: 40, cost: 3774 }]);
  });
});
