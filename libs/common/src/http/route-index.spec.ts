import { Router, type Request, type Response } from 'express';
import fc from 'fast-check';

import { indexRoutes, requestKeyOf, routeKeyOf, type IndexableRouter } from './route-index.js';

type Method = 'get' | 'post' | 'options' | 'all';

interface RouteSpec {
  readonly kind: 'route' | 'middleware';
  readonly method: Method;
  readonly path: string;
  /** A route that passes the request on (as Nest's middleware does) instead of answering it. */
  readonly passes: boolean;
}

/** What answered a request: a route's index and the params it saw, 'none' when nothing did, or the error. */
type Outcome = string;

/** `minRun` 0 leaves the router as it is; 1 indexes every run, however short. */
function buildRouter(specs: readonly RouteSpec[], minRun: number): Router {
  const router = Router();
  router.param('id', (request, _response, next, value) => {
    (request as Request & { seen?: string[] }).seen?.push(`param:${String(value)}`);
    next();
  });
  specs.forEach((spec, index) => {
    const handler = (request: Request, response: Response, next: (error?: unknown) => void) => {
      const seen = `${index}:${request.method}:${JSON.stringify(request.params)}`;
      (request as Request & { seen?: string[] }).seen?.push(seen);
      if (spec.passes) {
        next();
        return;
      }
      (response as unknown as { answer: (outcome: Outcome) => void }).answer(seen);
    };
    if (spec.kind === 'middleware') {
      router.use(spec.path, handler);
    } else {
      router[spec.method](spec.path, handler);
    }
  });
  if (minRun > 0) {
    indexRoutes(router as unknown as IndexableRouter, minRun);
  }
  return router;
}

/** Every handler that saw the request, in order, and how it ended. */
function dispatch(router: Router, method: string, url: string): Promise<string> {
  return new Promise((resolve) => {
    const seen: string[] = [];
    const request = { method, url, headers: {}, seen } as unknown as Request;
    const response = { answer: (outcome: Outcome) => resolve(`${seen.join(' ')} => ${outcome}`) } as unknown as Response;
    router(request, response, (error?: unknown) => resolve(`${seen.join(' ')} => ${error instanceof Error ? error.message : 'none'}`));
  });
}

const SEGMENTS = ['v1', 'cache', 'Cache', 'stats', 'a.json', 'x-y', '~u'];
const ROUTE_SEGMENTS = [...SEGMENTS, ':id', '{*rest}', '{:opt}'];
const REQUEST_SEGMENTS = [...SEGMENTS, 'CACHE', 'V1', '', '%63ache', 'caché', 'a b', 'a#b', '42'];

const routeSpec = fc.record({
  kind: fc.constantFrom<RouteSpec['kind']>('route', 'route', 'route', 'middleware'),
  method: fc.constantFrom<Method>('get', 'post', 'options', 'all'),
  path: fc.array(fc.constantFrom(...ROUTE_SEGMENTS), { minLength: 0, maxLength: 3 }).map((segments) => `/${segments.join('/')}`),
  passes: fc.boolean(),
});

const requestUrl = fc
  .tuple(fc.array(fc.constantFrom(...REQUEST_SEGMENTS), { minLength: 0, maxLength: 4 }), fc.boolean(), fc.constantFrom('', '?q=1', '?a=/b/c'))
  .map(([segments, trailingSlash, query]) => `/${segments.join('/')}${trailingSlash && segments.length > 0 ? '/' : ''}${query}`);

/** A URL some route of `specs` matches, so that properties reach the routes and not only the 404s. */
function urlMatching(specs: readonly RouteSpec[], pick: number): string {
  const spec = specs[pick % specs.length];
  return spec === undefined ? '/' : spec.path.replace(':id', '42').replace('{*rest}', 'a/b').replace('{:opt}', '');
}

describe('indexRoutes', () => {
  it('answers every request with the handlers, params and order of the unindexed router', async () => {
    /** As Nest's not-found handler does, a middleware after every route answers what no route did. */
    const notFound: RouteSpec = { kind: 'middleware', method: 'all', path: '/', passes: false };
    await fc.assert(
      fc.asyncProperty(
        fc.array(routeSpec, { minLength: 0, maxLength: 24 }).map((specs) => [...specs, notFound]),
        fc.array(fc.tuple(fc.constantFrom('GET', 'POST', 'HEAD', 'DELETE', 'OPTIONS'), fc.oneof(requestUrl, fc.nat())), { minLength: 1, maxLength: 8 }),
        async (specs, requests) => {
          const plain = buildRouter(specs, 0);
          const indexed = buildRouter(specs, 1);
          for (const [method, target] of requests) {
            const url = typeof target === 'string' ? target : urlMatching(specs, target);
            expect(await dispatch(indexed, method, url)).toBe(await dispatch(plain, method, url));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('runs a param callback once per request and value, across the parent and an indexed run (fast-check counterexample)', async () => {
    const specs: RouteSpec[] = [
      { kind: 'route', method: 'get', path: '/{*rest}/:id', passes: true },
      { kind: 'route', method: 'get', path: '/v1/v1/:id', passes: false },
      { kind: 'route', method: 'get', path: '/', passes: false },
      { kind: 'middleware', method: 'all', path: '/', passes: false },
    ];
    const outcome = await dispatch(buildRouter(specs, 1), 'GET', '/v1/v1/42');

    expect(outcome).toBe('param:42 0:GET:{"rest":["v1","v1"],"id":"42"} 1:GET:{"id":"42"} => 1:GET:{"id":"42"}');
    expect(outcome).toBe(await dispatch(buildRouter(specs, 0), 'GET', '/v1/v1/42'));
  });

  it('replaces a run of literal routes by one dispatcher and leaves parameterised routes and middleware in place', () => {
    const router = buildRouter(
      [
        { kind: 'middleware', method: 'all', path: '/', passes: true },
        ...['stats', 'entries', 'purge', 'pool'].map((name): RouteSpec => ({ kind: 'route', method: 'get', path: `/v1/cache/${name}`, passes: false })),
        { kind: 'route', method: 'get', path: '/health', passes: false },
        { kind: 'route', method: 'get', path: '/v1/:id', passes: false },
        { kind: 'route', method: 'get', path: '/metrics', passes: false },
      ],
      0,
    ) as unknown as IndexableRouter;

    expect(indexRoutes(router)).toBe(5);

    const layers = router.stack as unknown as ReadonlyArray<{ name: string; route?: { path: string } }>;
    expect(layers.map((layer) => layer.route?.path ?? layer.name)).toEqual(['handler', 'indexedRoutes', '/v1/:id', '/metrics']);
  });

  it('keys routes by their leading literal segments, and requests by theirs', () => {
    expect(routeKeyOf('/v1/Cache/:key')).toBe('v1/cache');
    expect(routeKeyOf('/health')).toBe('health');
    expect(routeKeyOf('/v1/:id')).toBeUndefined();
    expect(routeKeyOf('/{*path}')).toBeUndefined();
    expect(routeKeyOf('/')).toBeUndefined();
    expect(routeKeyOf(/^\/v1/)).toBeUndefined();

    expect(requestKeyOf('/V1/cache/stats?x=/a/b')).toBe('v1/cache');
    expect(requestKeyOf('/health/')).toBe('health');
    expect(requestKeyOf('/v1/cache/')).toBe('v1/cache');
    expect(requestKeyOf('http://host/v1/cache')).toBeUndefined();
    expect(requestKeyOf('/v1/caché')).toBeUndefined();
  });
});
