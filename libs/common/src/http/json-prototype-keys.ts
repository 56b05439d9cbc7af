import type { IncomingMessage } from 'node:http';

export const FORBIDDEN_KEY_MESSAGE = 'Forbidden JSON key';

/**
 * A `__proto__` key, or `prototype` under `constructor`, is how prototype-pollution payloads start; no legitimate API
 * body needs one, so the whole body is refused (400).
 */
function rejectPrototypeKey(key: string, value: unknown): void {
  const isConstructorPrototype = key === 'constructor' && typeof value === 'object' && value !== null && Object.hasOwn(value, 'prototype');
  if (key === '__proto__' || isConstructorPrototype) {
    throw Object.assign(new SyntaxError(`${FORBIDDEN_KEY_MESSAGE} "${key}" in the request body.`), { status: 400 });
  }
}

const MAY_HIDE_FORBIDDEN_KEY = Symbol('bulwark.jsonMayHideForbiddenKey');

/** Only a `\u` escape can spell a key's letters other than as themselves in JSON text. */
const SPELLINGS = ['__proto__', 'constructor', '\\u'];

/**
 * Notes, from the raw bytes body-parser hands its `verify`, whether a body could hold a forbidden key: only then is
 * the parsed body walked (`rejectPrototypeKeysInBody`). A `JSON.parse` reviver doing the same check on every parse
 * made it about five times slower (V8 calls it per value), the largest cost of a JSON request. Bodies in a charset other than UTF-8 are
 * always walked: their bytes do not spell the keys in ASCII.
 */
export function noteForbiddenKeySpellings(request: IncomingMessage, body: Buffer, encoding: string | null): void {
  const utf8 = encoding === null || encoding.toLowerCase() === 'utf-8' || encoding.toLowerCase() === 'utf8';
  if (!utf8 || SPELLINGS.some((spelling) => body.includes(spelling))) {
    (request as IncomingMessage & { [MAY_HIDE_FORBIDDEN_KEY]?: true })[MAY_HIDE_FORBIDDEN_KEY] = true;
  }
}

/** Every key of the parsed body, at every level, through `rejectPrototypeKey` (the depth is capped before parsing). */
function walk(value: unknown): void {
  if (typeof value !== 'object' || value === null) {
    return;
  }
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key];
    rejectPrototypeKey(key, child);
    walk(child);
  }
}

/** Express middleware after the JSON parser: refuses (400) a parsed body noted above that holds a forbidden key. */
export function rejectPrototypeKeysInBody(request: IncomingMessage & { body?: unknown }, _response: unknown, next: (error?: unknown) => void): void {
  if ((request as IncomingMessage & { [MAY_HIDE_FORBIDDEN_KEY]?: true })[MAY_HIDE_FORBIDDEN_KEY] !== true) {
    next();
    return;
  }
  try {
    walk(request.body);
    next();
  } catch (error) {
    next(error);
  }
}
