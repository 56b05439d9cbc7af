/** One sample line of the Prometheus text exposition format (0.0.4). */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  timestampMs: number | null;
}

export interface PromParseResult {
  samples: PromSample[];
  /** Lines that were not comments, blank or valid samples: counted, not fatal, so one odd line loses one series. */
  malformedLines: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', n: '\n' };

/** Parses exposition text: `# HELP`/`# TYPE`/comments skipped, label values unescaped, NaN and ±Inf kept. */
export function parsePrometheusText(text: string): PromParseResult {
  const samples: PromSample[] = [];
  let malformedLines = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    const sample = parseSampleLine(line);
    if (sample === null) {
      malformedLines += 1;
    } else {
      samples.push(sample);
    }
  }
  return { samples, malformedLines };
}

function parseSampleLine(line: string): PromSample | null {
  const name = NAME.exec(line)?.[0];
  if (name === undefined) {
    return null;
  }
  let rest = line.slice(name.length);
  let labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    const parsed = parseLabels(rest);
    if (parsed === null) {
      return null;
    }
    labels = parsed.labels;
    rest = rest.slice(parsed.length);
  }
  const fields = rest.trim().split(/\s+/);
  if (fields.length < 1 || fields.length > 2 || !/^\s/.test(rest)) {
    return null;
  }
  const value = parseValue(fields[0] ?? '');
  const timestampMs = fields[1] === undefined ? null : Number(fields[1]);
  if (value === null || (timestampMs !== null && !Number.isInteger(timestampMs))) {
    return null;
  }
  return { name, labels, value, timestampMs };
}

/** Reads `{a="x",b="y\"z"}` from the start of `text`; returns the labels and how many characters they took. */
function parseLabels(text: string): { labels: Record<string, string>; length: number } | null {
  const labels: Record<string, string> = {};
  let i = 1;
  for (;;) {
    while (text[i] === ' ' || text[i] === ',') {
      i += 1;
    }
    if (text[i] === '}') {
      return { labels, length: i + 1 };
    }
    const labelName = LABEL_NAME.exec(text.slice(i))?.[0];
    if (labelName === undefined || text[i + labelName.length] !== '=' || text[i + labelName.length + 1] !== '"') {
      return null;
    }
    i += labelName.length + 2;
    let value = '';
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        const escaped = ESCAPES[text[i + 1] ?? ''];
        value += escaped ?? `\\${text[i + 1] ?? ''}`;
        i += 2;
      } else {
        value += text[i];
        i += 1;
      }
    }
    if (i >= text.length) {
      return null;
    }
    labels[labelName] = value;
    i += 1;
  }
}

function parseValue(text: string): number | null {
  switch (text) {
    case 'NaN':
      return Number.NaN;
    case '+Inf':
    case 'Inf':
      return Number.POSITIVE_INFINITY;
    case '-Inf':
      return Number.NEGATIVE_INFINITY;
    default: {
      const value = Number(text);
      return text === '' || Number.isNaN(value) ? null : value;
    }
  }
}
