const VALUE = /\{\{\s*\$value\s*\}\}/g;
const LABEL = /\{\{\s*\$labels\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** A value as annotations show it: integers as they are, others to at most 4 significant digits. */
export function formatValue(value: number | null): string {
  if (value === null) {
    return 'no data';
  }
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

/**
 * Fills `{{ $value }}` and `{{ $labels.name }}` (Prometheus' two everyday template forms) by plain replacement; a
 * label the alert lacks becomes the empty string. No template engine: annotations are user input.
 */
export function renderTemplate(template: string, value: number | null, labels: Record<string, string>): string {
  return template.replace(VALUE, formatValue(value)).replace(LABEL, (_match, name: string) => labels[name] ?? '');
}

export function renderAnnotations(templates: Record<string, string>, value: number | null, labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(templates).map(([key, template]) => [key, renderTemplate(template, value, labels)]));
}
