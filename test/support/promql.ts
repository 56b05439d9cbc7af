import { createMetricsRegistry } from '@app/common';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** PromQL keywords and modifiers that look like identifiers but name no metric. */
const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'inf', 'nan']);
const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'];
const DECLARED_NAME = /\bname: '(bulwark_[a-z0-9_]+)'/g;

/**
 * The metric names a PromQL expression selects: what is left after dropping strings, label matchers, ranges and
 * grouping lists, minus function calls and keywords. Enough for dashboards and rules; not a PromQL parser.
 */
export function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  const names = [...bare.matchAll(/(?<![\w$.])[a-zA-Z_:][\w:]*\b(?!\s*\()/g)].map(([name]) => name);
  return [...new Set(names.filter((name) => !KEYWORDS.has(name.toLowerCase())))];
}

async function sourceFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true });
  return entries.filter((path) => path.endsWith('.ts') && !path.endsWith('.spec.ts')).map((path) => join(root, path));
}

/**
 * Every series name the app can expose: `name: 'bulwark_…'` declarations found in src/ and libs/, and prom-client's
 * default metrics as the real registry names them, each also with the histogram suffixes.
 */
export async function knownMetricNames(repoRoot: string): Promise<Set<string>> {
  const declared: string[] = [];
  for (const file of [...(await sourceFiles(join(repoRoot, 'src'))), ...(await sourceFiles(join(repoRoot, 'libs')))]) {
    declared.push(...[...(await readFile(file, 'utf8')).matchAll(DECLARED_NAME)].map(([, name = '']) => name));
  }
  const registry = createMetricsRegistry();
  const defaults = registry.getMetricsAsArray().map((metric) => metric.name);
  registry.clear();
  return new Set([...declared, ...defaults].flatMap((name) => [name, ...HISTOGRAM_SUFFIXES.map((suffix) => `${name}${suffix}`)]));
}
