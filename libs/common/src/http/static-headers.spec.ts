import helmet from 'helmet';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';

import { precomputedHeaders, staticHeadersOf, type HeaderMiddleware } from './static-headers.js';

function exchange(): { request: IncomingMessage; response: ServerResponse } {
  const request = new IncomingMessage(new Socket());
  request.method = 'GET';
  request.url = '/v1/things';
  return { request, response: new ServerResponse(request) };
}

/** The response headers after `middleware` ran on a response that already carried X-Powered-By (as Express sets it). */
function headersAfter(middleware: HeaderMiddleware): Record<string, unknown> {
  const { request, response } = exchange();
  response.setHeader('X-Powered-By', 'Express');
  let nextCalls = 0;
  middleware(request, response, () => {
    nextCalls += 1;
  });
  expect(nextCalls).toBe(1);
  return { ...response.getHeaders() };
}

describe('precomputedHeaders', () => {
  it("sets exactly the headers helmet sets, and removes what helmet removes, as one function", () => {
    const original = helmet({ contentSecurityPolicy: { directives: { frameAncestors: ["'none'"] } }, frameguard: { action: 'deny' } });
    const precomputed = precomputedHeaders(original);

    expect(precomputed).not.toBe(original);
    const expected = headersAfter(original);
    expect(expected['x-powered-by']).toBeUndefined();
    expect(expected['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headersAfter(precomputed)).toEqual(expected);
  });

  it('keeps a middleware whose headers depend on the request or the response as it is', () => {
    const readsRequest: HeaderMiddleware = (request, response, next) => {
      response.setHeader('Vary', request.headers.origin === undefined ? 'Accept' : 'Origin');
      next();
    };
    const nonce = helmet({ contentSecurityPolicy: { directives: { scriptSrc: ["'self'", (_req, res) => `'nonce-${String((res as unknown as { locals: { nonce: string } }).locals.nonce)}'`] } } });

    expect(staticHeadersOf(readsRequest)).toBeUndefined();
    expect(precomputedHeaders(readsRequest)).toBe(readsRequest);
    expect(precomputedHeaders(nonce)).toBe(nonce);
  });

  it('keeps a middleware that does not finish synchronously as it is', () => {
    const later: HeaderMiddleware = (_request, response, next) => {
      response.setHeader('X-Later', '1');
      setImmediate(next);
    };

    expect(precomputedHeaders(later)).toBe(later);
  });

  it('throws what the middleware passes to next', () => {
    const failing: HeaderMiddleware = (_request, _response, next) => next(new Error('bad directive'));

    expect(() => staticHeadersOf(failing)).toThrow('bad directive');
  });
});
