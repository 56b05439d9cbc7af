import type { IncomingMessage, ServerResponse } from 'node:http';

export type HeaderMiddleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/** What a header middleware does to every response: the headers it sets, in order, and the names it removes. */
export interface StaticHeaders {
  readonly set: ReadonlyArray<readonly [name: string, value: string]>;
  readonly removed: readonly string[];
}

const RECORDER_METHODS = new Set<PropertyKey>(['setHeader', 'removeHeader', 'getHeader']);

/**
 * Runs `middleware` once against a stand-in request and a recording response and returns what it did to the headers,
 * or undefined when that may differ from one request to the next: it read anything of the request or of the response
 * beyond its headers (a CSP nonce, say), or did not finish synchronously. Throws what the middleware passed to next.
 */
export function staticHeadersOf(middleware: HeaderMiddleware): StaticHeaders | undefined {
  const headers = new Map<string, [string, string]>();
  const removed = new Set<string>();
  let dynamic = false;
  const request = new Proxy({} as IncomingMessage, {
    get: () => {
      dynamic = true;
      return undefined;
    },
  });
  const recorder = {
    setHeader: (name: string, value: unknown) => {
      removed.delete(name.toLowerCase());
      headers.set(name.toLowerCase(), [name, String(value)]);
    },
    removeHeader: (name: string) => {
      headers.delete(name.toLowerCase());
      removed.add(name.toLowerCase());
    },
    getHeader: (name: string) => headers.get(name.toLowerCase())?.[1],
  };
  const response = new Proxy(recorder as unknown as ServerResponse, {
    get: (target, property) => {
      if (RECORDER_METHODS.has(property)) {
        return (target as unknown as Record<PropertyKey, unknown>)[property];
      }
      dynamic = true;
      return undefined;
    },
  });
  let done = false;
  try {
    middleware(request, response, (error) => {
      if (error !== undefined) {
        throw error instanceof Error ? error : new Error('the header middleware failed', { cause: error });
      }
      done = true;
    });
  } catch (error) {
    // What a stand-in gave it (undefined) may be what broke a middleware that reads the request: not static.
    if (dynamic) {
      return undefined;
    }
    throw error;
  }
  return done && !dynamic ? { set: [...headers.values()], removed: [...removed] } : undefined;
}

/**
 * `middleware` (helmet's, say) as one function that applies the headers it was seen to set once: helmet runs a dozen
 * middlewares per request to set the same static headers every time. Left as it is when its headers may depend on
 * the request (see staticHeadersOf).
 */
export function precomputedHeaders<T extends HeaderMiddleware>(middleware: T): T | HeaderMiddleware {
  const headers = staticHeadersOf(middleware);
  if (headers === undefined) {
    return middleware;
  }
  const names = headers.set.map(([name]) => name);
  const values = headers.set.map(([, value]) => value);
  const { removed } = headers;
  return (_request, response, next) => {
    for (let index = 0; index < names.length; index++) {
      response.setHeader(names[index]!, values[index]!);
    }
    for (const name of removed) {
      response.removeHeader(name);
    }
    next();
  };
}
