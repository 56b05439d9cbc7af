import type { InspectedValue } from './inspect.util.js';
import { type InspectionCaps, reportCap, resolveCaps } from './inspection-caps.util.js';

/** The parts of a request the engine inspects, as Express parsed them. Headers should be the selected few. */
export interface RequestParts {
  params?: unknown;
  query?: unknown;
  cookies?: unknown;
  headers?: unknown;
  body?: unknown;
}

export interface FlattenedRequest {
  values: InspectedValue[];
  capsExceeded: string[];
}

/** Keys longer than this are cut in locations (the full key is still inspected as a value). */
const MAX_KEY_IN_LOCATION = 64;

/** Section name in locations, in walking order: the body, the largest and most attacker-shaped, comes last. */
const SECTIONS: ReadonlyArray<[keyof RequestParts, string]> = [
  ['params', 'param'],
  ['query', 'query'],
  ['cookies', 'cookie'],
  ['headers', 'header'],
  ['body', 'body'],
];

interface Walk {
  caps: InspectionCaps;
  values: InspectedValue[];
  capsExceeded: string[];
  full: boolean;
}

function keyInLocation(key: string): string {
  return key.length > MAX_KEY_IN_LOCATION ? `${key.slice(0, MAX_KEY_IN_LOCATION)}…` : key;
}

function isPlainObject(node: object): node is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(node);
  return prototype === Object.prototype || prototype === null;
}

function emit(walk: Walk, location: string, value: string, key: boolean): void {
  if (walk.values.length >= walk.caps.maxFields) {
    walk.full = true;
    reportCap(walk.capsExceeded, 'field-count', location);
    return;
  }
  walk.values.push({ location, value, key });
}

function walkChildren(walk: Walk, node: object, location: string, depth: number): void {
  if (depth >= walk.caps.maxDepth) {
    reportCap(walk.capsExceeded, 'depth', location);
    return;
  }
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length && !walk.full; i++) {
      walkNode(walk, node[i], `${location}[${i}]`, depth + 1);
    }
    return;
  }
  // Keys, not entries: no pair array per key. The same own enumerable keys, in the same order.
  const record = node as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (walk.full) {
      return;
    }
    const child = record[key];
    const childLocation = `${location}.${keyInLocation(key)}`;
    // Keys carry attacks too: `{"$where": …}`, `user[$ne]`, `<svg onload=…>` as a query name.
    emit(walk, `${childLocation}#key`, key, true);
    walkNode(walk, child, childLocation, depth + 1);
  }
}

function walkNode(walk: Walk, node: unknown, location: string, depth: number): void {
  if (walk.full) {
    return;
  }
  if (typeof node === 'string') {
    emit(walk, location, node, false);
  } else if (Buffer.isBuffer(node)) {
    emit(walk, location, node.toString('utf8'), false);
  } else if (Array.isArray(node) || (typeof node === 'object' && node !== null && isPlainObject(node))) {
    walkChildren(walk, node, location, depth);
  }
  // Numbers, booleans and null cannot carry an injection; their keys were already emitted.
}

function walkHeaders(walk: Walk, headers: unknown): void {
  if (typeof headers !== 'object' || headers === null) {
    return;
  }
  // Header names are the server's choice of what to select, so only values are inspected.
  for (const [name, value] of Object.entries(headers)) {
    walkNode(walk, value, `header.${keyInLocation(name.toLowerCase())}`, 1);
  }
}

/**
 * Walks a request's params, query, cookies, selected headers and (JSON, form or text) body into
 * `{location, value}` pairs: keys and string values, recursively to `maxDepth`, at most `maxFields` pairs.
 * Locations read `query.q`, `body.user.name`, `body.items[0]`, `body.user#key` (a key), `header.user-agent`.
 */
export function flattenRequest(parts: RequestParts, caps?: Partial<InspectionCaps>): FlattenedRequest {
  const walk: Walk = { caps: resolveCaps(caps), values: [], capsExceeded: [], full: false };
  for (const [part, section] of SECTIONS) {
    if (part === 'headers') {
      walkHeaders(walk, parts.headers);
    } else {
      walkNode(walk, parts[part], section, 0);
    }
  }
  return { values: walk.values, capsExceeded: walk.capsExceeded };
}
