import type { IncomingMessage } from 'node:http';

import { rejectDeepJson } from './json-depth.js';
import { noteForbiddenKeySpellings } from './json-prototype-keys.js';

/**
 * body-parser `verify` for every JSON parser of the app: the depth is checked on the raw bytes, and the bytes say
 * whether `rejectPrototypeKeysInBody` must walk the parsed body.
 */
export function verifyJsonBody(request: IncomingMessage, response: unknown, body: Buffer, encoding: string | null): void {
  rejectDeepJson(request, response, body);
  noteForbiddenKeySpellings(request, body, encoding);
}
