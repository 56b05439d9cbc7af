import { METHODS } from 'node:http';

import { Router, type Request, type Response } from 'express';
import fc from 'fast-check';

import { flattenCatchAllMiddleware, type FlattenableRouter } from './catch-all-middleware.js';

/** What a handler does: Nest's middleware passes the request on; the others are what a middleware may do instead. */
type Behaviour = 'passes' | 'answers' | 'throws' | 'errors' | 'skipsRoute' | 'rejects';

type LayerSpec =
  | { readonly kind: 'catchAll'; readonly path: string; readonly behaviour: Behaviour }
  | { readonly kind: 'route'; readonly path: string }
  | { readonly kind: 'middleware' };

type Seen = Request & { seen?: string[] };

function handlerFor(name: string, behaviour: Behaviour) {
  return (request: Request, response: Response, next: (error?: unknown) => void): unknown => {
    const route = (request as Request & { route?: { path: string } }).route;
    (request as Seen).seen?.push(`${name}:${request.method}:${route?.path ?? '-'}`);
    switch (behaviour) {
      case 'passes':
        next();
        return undefined;
      case 'answers':
        (response as unknown as { answer: (outcome: string) => void }).answer(name);
        return undefined;
      case 'throws':
        throw new Error(`${name} threw`);
      case 'errors':
        next(new Error(`${name} failed`));
        return undefined;
      case 'skipsRoute':
        next('route');
        return undefined;
      case 'rejects':
        return Promise.reject(new Error(`${name} rejected`));
    }
  };
}

/** A router as Nest builds one: catch-all middleware routes registered for every method (Express' `app.all`). */
function buildRouter(specs: readonly LayerSpec[], flatten: boolean, paramCallback: boolean): Router {
  const router = Router();
  if (paramCallback) {
    router.param('splat', (request, _response, next, value) => {
      (request as Seen).seen?.push(`param:${JSON.stringify(value)}`);
      next();
    });
  }
  specs.forEach((spec, index) => {
    const name = `${spec.kind}${index}`;
    if (spec.kind === 'catchAll') {
      const route = router.route(spec.path) as unknown as Record<string, (handler: unknown) => void>;
      const handler = handlerFor(name, spec.behaviour);
      for (const method of METHODS) {
        route[method.toLowerCase()]!(handler);
      }
    } else if (spec.kind === 'route') {
      router.get(spec.path, handlerFor(name, 'answers'));
    } else {
      router.use(handlerFor(name, 'passes'));
    }
  });
  // As Nest's not-found handler does, a middleware after every route answers what nothing else did.
  router.use(handlerFor('notFound', 'answers'));
  if (flatten) {
    flattenCatchAllMiddleware(router as unknown as FlattenableRouter);
  }
  return router;
}

function dispatch(router: Router, method: string, url: string): Promise<string> {
  return new Promise((resolve) => {
    const seen: string[] = [];
    const request = { method, url, headers: {}, seen } as unknown as Request;
    const response = { answer: (outcome: string) => resolve(`${seen.join(' ')} => ${outcome}`) } as unknown as Response;
    router(request, response, (error?: unknown) => resolve(`${seen.join(' ')} => ${error instanceof Error ? error.message : String(error)}`));
  });
}

const layerSpec: fc.Arbitrary<LayerSpec> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('catchAll' as const),
      path: fc.constantFrom('{/*splat}', '/{*path}', '/{*splat}'),
      behaviour: fc.constantFrom<Behaviour>('passes', 'passes', 'passes', 'answers', 'throws', 'errors', 'skipsRoute', 'rejects'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('route' as const), path: fc.constantFrom('/', '/v1/cache', '/health/:probe') }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'middleware' as const }) },
);

const requestUrl = fc.constantFrom(
  '/',
  '/v1/cache',
  '/V1/Cache/',
  '/health/ready?x=%zz',
  '/a/b/c?q=1',
  '//double',
  '/%zz',
  '/v1/%E0%A4%A',
  '/a%2Fb',
  '/caf%C3%A9',
  '*',
  'http://host/v1/cache',
  '/a#b',
  '/café',
  '/a b',
);

describe('flattenCatchAllMiddleware', () => {
  it('runs the same handlers, with the same req.route, errors and answers as the catch-all routes it replaces', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(layerSpec, { minLength: 0, maxLength: 8 }),
        fc.boolean(),
        fc.array(fc.tuple(fc.constantFrom('GET', 'HEAD', 'POST', 'OPTIONS', 'DELETE', 'BREW'), requestUrl), { minLength: 1, maxLength: 6 }),
        async (specs, paramCallback, requests) => {
          const plain = buildRouter(specs, false, paramCallback);
          const flattened = buildRouter(specs, true, paramCallback);
          for (const [method, url] of requests) {
            expect(await dispatch(flattened, method, url)).toBe(await dispatch(plain, method, url));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('replaces each run of catch-all routes by one middleware and leaves everything else in place', () => {
    const router = buildRouter(
      [
        { kind: 'middleware' },
        { kind: 'catchAll', path: '{/*splat}', behaviour: 'passes' },
        { kind: 'catchAll', path: '{/*splat}', behaviour: 'passes' },
        { kind: 'catchAll', path: '/{*path}', behaviour: 'passes' },
        { kind: 'route', path: '/v1/cache' },
        { kind: 'catchAll', path: '/{*path}', behaviour: 'passes' },
      ],
      false,
      false,
    ) as unknown as FlattenableRouter;
    router.stack.push(...(Router().all('/{*path}', handlerFor('all', 'passes')) as unknown as FlattenableRouter).stack);

    expect(flattenCatchAllMiddleware(router)).toBe(4);

    const layers = router.stack as unknown as ReadonlyArray<{ name: string; route?: { path: string } }>;
    // A route made with the router's own `all` (one layer for any method) is not Nest's shape: it stays a route.
    expect(layers.map((layer) => layer.route?.path ?? layer.name)).toEqual(['<anonymous>', 'catchAllMiddleware', '/v1/cache', 'catchAllMiddleware', '<anonymous>', '/{*path}']);
  });

  it('leaves catch-all routes alone when a router.param callback would see their wildcard', () => {
    const router = buildRouter([{ kind: 'catchAll', path: '{/*splat}', behaviour: 'passes' }], false, true) as unknown as FlattenableRouter;
    expect(flattenCatchAllMiddleware(router)).toBe(0);
  });

  it('leaves a catch-all route alone when it has a handler for any method besides its per-method ones', () => {
    const router = buildRouter([{ kind: 'catchAll', path: '{/*splat}', behaviour: 'passes' }], false, false);
    const route = (router as unknown as { stack: Array<{ route?: { all: (handler: unknown) => void } }> }).stack[0]!.route!;
    route.all(handlerFor('any', 'passes'));
    expect(flattenCatchAllMiddleware(router as unknown as FlattenableRouter)).toBe(0);
  });
});
