import { parse as parseCookies } from 'cookie';
import type { Request } from 'express';

import type { RequestParts } from '../engine/index.js';

/** Headers worth inspecting: the ones clients fill in freely and applications log or echo. */
export const INSPECTED_HEADERS = ['user-agent', 'referer'] as const;

function selectedHeaders(request: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of INSPECTED_HEADERS) {
    const value = request.headers[name];
    if (typeof value === 'string') {
      headers[name] = value;
    }
  }
  return headers;
}

function cookiesOf(request: Request): Record<string, string | undefined> | undefined {
  const header = request.headers.cookie;
  // `decode` that never throws: a malformed escape is inspected as written, which is what an attacker sent.
  // Spread into a plain object: the parser's null-prototype class is not something the flattener walks.
  return header === undefined ? undefined : { ...parseCookies(header, { decode: safeDecode }) };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** What the threat engine reads of an Express request: params, query, cookies, User-Agent, Referer and the body. */
export function requestParts(request: Request): RequestParts {
  return {
    params: request.params,
    query: request.query,
    cookies: cookiesOf(request),
    headers: selectedHeaders(request),
    body: request.body as unknown,
  };
}
