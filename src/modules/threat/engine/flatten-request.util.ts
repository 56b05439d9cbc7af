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

/** How a field sits under its parent's location: the parent itself, one of its keys, that key's value, an item. */
enum Step {
  Self,
  Key,
  Member,
  Item,
}

/**
 * A field whose location is spelled out on first read. The engine reads locations only of fields that match or run
 * into a cap (and all of them when locations are excluded): building two strings per key of every request for that
 * was most of what flattening allocated.
 */
class FlatField implements InspectedValue {
  private spelled: string | undefined;

  constructor(
    private readonly parent: string,
    private readonly step: Step,
    /** The key (Key, Member) or index (Item) the step takes. */
    private readonly name: string | number,
    readonly value: string,
    readonly key: boolean,
  ) {}

  get location(): string {
    this.spelled ??= spell(this.parent, this.step, this.name);
    return this.spelled;
  }
}

function spell(parent: string, step: Step, name: string | number): string {
  switch (step) {
    case Step.Self:
      return parent;
    case Step.Key:
      return `${parent}.${keyInLocation(name as string)}#key`;
    case Step.Member:
      return `${parent}.${keyInLocation(name as string)}`;
    case Step.Item:
      return `${parent}[${name}]`;
  }
}

function emit(walk: Walk, field: FlatField): void {
  if (walk.values.length >= walk.caps.maxFields) {
    walk.full = true;
    reportCap(walk.capsExceeded, 'field-count', field.location);
    return;
  }
  walk.values.push(field);
}

function walkChildren(walk: Walk, node: object, location: string, depth: number): void {
  if (depth >= walk.caps.maxDepth) {
    reportCap(walk.capsExceeded, 'depth', location);
    return;
  }
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length && !walk.full; i++) {
      walkNode(walk, node[i], location, Step.Item, i, depth + 1);
    }
    return;
  }
  // Keys, not entries: no pair array per key. The same own enumerable keys, in the same order.
  const record = node as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (walk.full) {
      return;
    }
    // Keys carry attacks too: `{"$where": …}`, `user[$ne]`, `<svg onload=…>` as a query name.
    emit(walk, new FlatField(location, Step.Key, key, key, true));
    walkNode(walk, record[key], location, Step.Member, key, depth + 1);
  }
}

/** Visits the node that `step` and `name` lead to from `parent`'s location. */
function walkNode(walk: Walk, node: unknown, parent: string, step: Step, name: string | number, depth: number): void {
  if (walk.full) {
    return;
  }
  if (typeof node === 'string') {
    emit(walk, new FlatField(parent, step, name, node, false));
  } else if (Buffer.isBuffer(node)) {
    emit(walk, new FlatField(parent, step, name, node.toString('utf8'), false));
  } else if (Array.isArray(node) || (typeof node === 'object' && node !== null && isPlainObject(node))) {
    walkChildren(walk, node, spell(parent, step, name), depth);
  }
  // Numbers, booleans and null cannot carry an injection; their keys were already emitted.
}

function walkHeaders(walk: Walk, headers: unknown): void {
  if (typeof headers !== 'object' || headers === null) {
    return;
  }
  // Header names are the server's choice of what to select, so only values are inspected.
  for (const [name, value] of Object.entries(headers)) {
    walkNode(walk, value, 'header', Step.Member, name.toLowerCase(), 1);
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
      walkNode(walk, parts[part], section, Step.Self, '', 0);
    }
  }
  return { values: walk.values, capsExceeded: walk.capsExceeded };
}
