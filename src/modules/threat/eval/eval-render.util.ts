import type { DetectionCount, EvalTally, FlagCount } from './eval-tally.util.js';

/** The attack classes in the order the issue lists them; any other `cls` follows alphabetically. */
const CLASS_ORDER = ['sqli', 'xss', 'cmdi', 'traversal', 'other'];

function percent(part: number, total: number): string {
  return total === 0 ? '-' : `${((100 * part) / total).toFixed(1)}%`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

function byClassOrder(a: string, b: string): number {
  const rank = (key: string): number => (CLASS_ORDER.includes(key) ? CLASS_ORDER.indexOf(key) : CLASS_ORDER.length);
  return rank(a) - rank(b) || a.localeCompare(b);
}

function detectionRows(counts: Record<string, DetectionCount>, order: (a: string, b: string) => number): string[][] {
  return Object.keys(counts)
    .sort(order)
    .map((key) => {
      const { total, detected } = counts[key] as DetectionCount;
      return [key, String(total), String(detected), percent(detected, total)];
    });
}

/** Per class: all rows, then only those whose `pl` says this paranoia level is expected to catch them. */
function classRows(all: Record<string, DetectionCount>, atLevel: Record<string, DetectionCount>): string[][] {
  return detectionRows(all, byClassOrder).map((row) => {
    const level = atLevel[row[0] ?? ''] ?? { total: 0, detected: 0 };
    return [...row, String(level.total), String(level.detected), percent(level.detected, level.total)];
  });
}

function flagRows(counts: Record<string, FlagCount>): string[][] {
  return Object.keys(counts)
    .sort((a, b) => a.localeCompare(b))
    .map((key) => {
      const { total, flagged } = counts[key] as FlagCount;
      return [key, String(total), String(flagged), percent(flagged, total)];
    });
}

/** The human-readable report: detection per class and per source, false positives per tier, never pooled. */
export function renderReport({ report, byClassAtLevel }: EvalTally, threshold: number): string {
  const rule = `a row counts as detected/flagged when its anomaly score at paranoia ${report.paranoia} reaches ${threshold}`;
  return [
    `Threat engine evaluation (${rule})`,
    '',
    `Attacks by class (and only rows with pl <= ${report.paranoia}, the level expected to catch them)`,
    table(['class', 'total', 'detected', 'rate', 'pl-total', 'pl-detected', 'pl-rate'], classRows(report.attacks.byClass, byClassAtLevel)),
    '',
    'Attacks by source',
    table(['source', 'total', 'detected', 'rate'], detectionRows(report.attacks.bySource, (a, b) => a.localeCompare(b))),
    '',
    'Benign by tier (false positives)',
    table(['tier', 'total', 'flagged', 'rate'], flagRows(report.benign.byTier)),
    '',
    `Throughput: ${report.inspectionsPerSecond} inspections/s (one field per inspection, engine time only)`,
    '',
  ].join('\n');
}
