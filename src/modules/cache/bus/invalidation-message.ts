/** What one instance tells the others to drop from their L1. Keys and patterns are over `<namespace>:<key>`. */
export interface Invalidation {
  keys?: string[];
  tags?: string[];
  patterns?: string[];
  /** Drop every L1 entry. */
  all?: boolean;
}

export interface InvalidationMessage extends Invalidation {
  origin: string;
}

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** The message in `raw`, or null for anything malformed (another publisher on the channel must not crash us). */
export function parseInvalidation(raw: string): InvalidationMessage | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object') {
    return null;
  }
  const { origin, keys, tags, patterns, all } = parsed as Record<string, unknown>;
  if (typeof origin !== 'string' || ![keys, tags, patterns].every((list) => list === undefined || isStringList(list)) || (all !== undefined && typeof all !== 'boolean')) {
    return null;
  }
  return { origin, keys: keys as string[] | undefined, tags: tags as string[] | undefined, patterns: patterns as string[] | undefined, all: all };
}
