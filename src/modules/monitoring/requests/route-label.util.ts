import { getOrCreate } from '@app/common';
import type { IncomingMessage } from 'node:http';

/** Catch-all routes (Nest's not-found handler among them) say nothing about where a request went. */
const CATCH_ALL = new Set(['*', '/*', '/{*path}', '*path', '/*path']);
/**
 * Labels made once per Express route object (one per route, as long as the app) and mount path: the same string
 * every time, so the metrics' map lookups hash it once instead of a new string per request.
 */
const LABELS = new WeakMap<object, Map<string, string>>();
const newLabelMap = (): Map<string, string> => new Map();
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The method as a label: anything outside the usual verbs is `OTHER`, so a client cannot grow the label set. */
export function methodLabel(method: string | undefined): string {
  return method !== undefined && METHODS.has(method) ? method : 'OTHER';
}

/**
 * The route template a request matched (`/v1/assets/:id`), never its raw path: Express leaves the matched route on
 * the request. Assets answered ahead of Express are `/cdn/*`; anything no route matched (404s, requests refused
 * before routing) is `unmatched`.
 */
export function routeLabel(request: IncomingMessage): string {
  const route = (request as IncomingMessage & { route?: { path?: unknown } }).route;
  if (route !== undefined && typeof route.path === 'string' && !CATCH_ALL.has(route.path)) {
    const base = (request as IncomingMessage & { baseUrl?: string }).baseUrl ?? '';
    const byBase = getOrCreate(LABELS, route, newLabelMap);
    let label = byBase.get(base);
    if (label === undefined) {
      label = `${base}${route.path}`;
      byBase.set(base, label);
    }
    return label;
  }
  return request.url?.startsWith('/cdn/') === true ? '/cdn/*' : 'unmatched';
}
