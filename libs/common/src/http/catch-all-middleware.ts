import { METHODS } from 'node:http';

import type { NextFunction, Request, Response } from 'express';

import { middlewareLayer, replaceRuns, routerOf, type RouterInternals } from './router-stack.js';

/** The parts of Express' router (the `router` package) that flattening reads. */
interface HandlerLayer {
  readonly method?: string;
  handleRequest(request: Request, response: Response, next: NextFunction): void;
}

interface CatchAllRoute {
  readonly path: unknown;
  readonly stack: readonly HandlerLayer[];
}

interface RouterLayer {
  readonly route?: CatchAllRoute;
}

export type FlattenableRouter = RouterInternals<RouterLayer>;

/**
 * The paths Nest gives `forRoutes('{*path}')` and nestjs-pino's default routes, each with its wildcard's name: each
 * matches every path that starts with `/`.
 */
const CATCH_ALL_PATHS = new Map([
  ['{/*splat}', 'splat'],
  ['/{*splat}', 'splat'],
  ['/{*path}', 'path'],
]);

const EVERY_METHOD = METHODS.map((method) => method.toLowerCase());

/**
 * A path every catch-all matches as it is: it starts with `/` and has no `%` (whose decoding can fail: a 400),
 * `#`, whitespace, control or non-ASCII character.
 */
const PLAIN_PATH = /^\/[\x21\x22\x24\x26-\x7e]*$/;

/**
 * A route's handler layer for each method, when the route is Nest's middleware on a catch-all path: one layer for
 * every method, and no `router.param` callback for its wildcard (which the route would call).
 */
function handlersByMethod(router: FlattenableRouter, layer: RouterLayer): Map<string, HandlerLayer> | undefined {
  const route = layer.route;
  const wildcard = typeof route?.path === 'string' ? CATCH_ALL_PATHS.get(route.path) : undefined;
  if (route === undefined || wildcard === undefined || router.params[wildcard] !== undefined) {
    return undefined;
  }
  const byMethod = new Map(route.stack.map((handler) => [handler.method, handler]));
  // Exactly one layer per method and no other (a method-less layer would run for every method).
  const onePerMethod = route.stack.length === EVERY_METHOD.length && EVERY_METHOD.every((method) => byMethod.has(method));
  return onePerMethod ? (byMethod as Map<string, HandlerLayer>) : undefined;
}

function isPlainPath(url: string): boolean {
  const query = url.indexOf('?');
  return PLAIN_PATH.test(query < 0 ? url : url.slice(0, query));
}

/** One middleware running a run of catch-all middleware routes' handlers in order, as their routes would. */
function flattened(parent: FlattenableRouter, run: readonly RouterLayer[]) {
  const routes = run.map((layer) => ({ route: layer.route as CatchAllRoute, handlers: handlersByMethod(parent, layer) as Map<string, HandlerLayer> }));
  const original = routerOf(parent, run);
  return function catchAllMiddleware(request: Request, response: Response, next: NextFunction): void {
    if (!isPlainPath(request.url)) {
      original(request, response, next);
      return;
    }
    const method = request.method.toLowerCase();
    let index = 0;
    const step = (error?: unknown): void => {
      if (error && error !== 'route') {
        next(error);
        return;
      }
      const current = routes[index++];
      if (current === undefined) {
        next();
        return;
      }
      const handler = current.handlers.get(method);
      if (handler === undefined) {
        step();
        return;
      }
      (request as Request & { route: unknown }).route = current.route;
      handler.handleRequest(request, response, step);
    };
    step();
  };
}

/**
 * Replaces each run of consecutive catch-all middleware routes by one middleware that calls their handlers in turn.
 * Why hand-written: Nest mounts middleware applied with `forRoutes` (pino-http's two, the IP-block check) as
 * `app.all('{/*splat}')` routes, so every request pays, per middleware, a path-to-regexp match that splits and decodes
 * the whole path into a `splat` array nobody reads, and a walk of that route's ~35 per-method layers to its own.
 * Outcomes are unchanged: such a route matches every path that starts with `/`, and each handler is still called
 * through its own layer (errors, rejected promises and tracing as before), with `req.route` set to its route. Paths
 * that are not plain (`%`, `#`, absolute-form, non-ASCII) go through the original routes, so a malformed escape still
 * fails their match with a 400. What differs: the handlers see `req.params` of the middleware (`{}`), not their splat.
 * Returns how many routes it flattened.
 */
export function flattenCatchAllMiddleware(router: FlattenableRouter): number {
  let flattenedRoutes = 0;
  replaceRuns(
    router,
    (layer) => handlersByMethod(router, layer) !== undefined,
    (run) => {
      flattenedRoutes += run.length;
      return [middlewareLayer<RouterLayer>(flattened(router, run))];
    },
  );
  return flattenedRoutes;
}
