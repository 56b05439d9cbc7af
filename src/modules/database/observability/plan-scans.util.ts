/** A sequential scan with a filter, read from an EXPLAIN (FORMAT JSON) plan. */
export interface FilteredSeqScan {
  table: string;
  /** Columns the filter compares with something (`=`, `<`, `>`, `<=`, `>=`, `<>`, LIKE, IN): index candidates. */
  columns: string[];
  /** Columns compared with `=` or IN: the leading part of a multi-column candidate. */
  equalityColumns: string[];
  rows: number;
  cost: number;
}

interface PlanNode {
  'Node Type'?: string;
  'Relation Name'?: string;
  Filter?: string;
  'Plan Rows'?: number;
  'Total Cost'?: number;
  Plans?: PlanNode[];
}

// `(customer_id = $1)`, `((status)::text = 'open'::text)`, `(created_at >= $2)`, `(name ~~ $1)`, `(id = ANY ($1))`.
const COMPARISON = /\(*\b([a-z_][a-z0-9_]*)\b\)?(?:::[\w ]+\)?)?\s*(=|<>|<=|>=|<|>|~~\*?|!~~)\s*(ANY\s*\()?/g;

/** Columns a filter compares, and those it compares for equality, in the order they appear. */
export function filterColumns(filter: string): { columns: string[]; equalityColumns: string[] } {
  const columns = new Set<string>();
  const equalityColumns = new Set<string>();
  for (const match of filter.matchAll(COMPARISON)) {
    const column = match[1] as string;
    if (/^\$?\d/.test(column) || column === 'text' || column === 'any') {
      continue;
    }
    columns.add(column);
    if (match[2] === '=') {
      equalityColumns.add(column);
    }
  }
  return { columns: [...columns], equalityColumns: [...equalityColumns] };
}

/** Every filtered Seq Scan in a plan, depth first. */
export function filteredSeqScans(plan: PlanNode): FilteredSeqScan[] {
  const found: FilteredSeqScan[] = [];
  const walk = (node: PlanNode): void => {
    if (node['Node Type'] === 'Seq Scan' && node['Relation Name'] !== undefined && node.Filter !== undefined) {
      const { columns, equalityColumns } = filterColumns(node.Filter);
      if (columns.length > 0) {
        found.push({ table: node['Relation Name'], columns, equalityColumns, rows: node['Plan Rows'] ?? 0, cost: node['Total Cost'] ?? 0 });
      }
    }
    node.Plans?.forEach(walk);
  };
  walk(plan);
  return found;
}
