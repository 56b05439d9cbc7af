import type { NextFunction, Request, Response } from 'express';

import { getOrCreate } from '../collections/get-or-create.js';
import { middlewareLayer, replaceRuns, routerOf, type RouterInternals } from './router-stack.js';
import { shareParamCalls } from './shared-param-calls.js';

/** The parts of Express' router (the `router` package) that indexing reads and rearranges. */
interface RouterLayer {
  readonly route?: { readonly path: unknown; _handlesMethod(method: string): boolean };
}

export type IndexableRouter = RouterInternals<RouterLayer>;

type Dispatcher = (request: Request, response: Response, next: NextFunction) => void;

/** Runs shorter than this stay as they are: walking a few routes costs less than a dispatch. */
const MIN_RUN = 4;

const LITERAL_SEGMENT = /^[A-Za-z0-9_.~-]+$/;

/** Any byte that would make parseurl (which Express matches against) read the path differently from a plain split. */
const UNUSUAL_PATH_CHAR = /[^\x21\x22\x24-\x7e]/;

/**
 * The bucket a route's path belongs to: its first two segments when both are literal, or its only segment; undefined
 * when a parameter, wildcard or group sits there, so the route may match requests of any bucket.
 */
export function routeKeyOf(path: unknown): string | undefined {
  if (typeof path !== 'string' || !path.startsWith('/')) {
    return undefined;
  }
  const segments = path.slice(1).split('/');
  const leading = segments.length === 1 ? segments : segments.slice(0, 2);
  return leading.every((segment) => LITERAL_SEGMENT.test(segment)) ? leading.join('/').toLowerCase() : undefined;
}

/**
 * The bucket of a request URL: its path's first two segments (one trailing slash ignored, as Express' routes do),
 * lower-cased since routes match case-insensitively by default. Undefined when the URL is unusual (absolute-form, a
 * `#`, whitespace or non-ASCII in the path): such a request tries every route of the run, in order.
 */
export function requestKeyOf(url: string): string | undefined {
  if (url.charCodeAt(0) !== 0x2f) {
    return undefined;
  }
  const query = url.indexOf('?');
  let path = query < 0 ? url : url.slice(0, query);
  if (UNUSUAL_PATH_CHAR.test(path)) {
    return undefined;
  }
  if (path.length > 1 && path.endsWith('/')) {
    path = path.slice(0, -1);
  }
  const first = path.indexOf('/', 1);
  if (first < 0) {
    return path.slice(1).toLowerCase();
  }
  const second = path.indexOf('/', first + 1);
  return (second < 0 ? path.slice(1) : path.slice(1, second)).toLowerCase();
}

/** A router per bucket of `layers`, and one of all of them for requests whose bucket is unknown. */
function routersOf(parent: IndexableRouter, layers: readonly RouterLayer[]) {
  const buckets = new Map<string, RouterLayer[]>();
  for (const layer of layers) {
    getOrCreate(buckets, routeKeyOf(layer.route?.path) as string, (): RouterLayer[] => []).push(layer);
  }
  return {
    byKey: new Map([...buckets].map(([key, bucket]) => [key, routerOf(parent, bucket)])),
    every: layers.length === 0 ? undefined : routerOf(parent, layers),
  };
}

/**
 * One middleware standing for a run of routes: the request goes to the routes of its bucket only, in their order.
 * OPTIONS requests see only the routes that handle OPTIONS: a sub-router that matched other routes would answer
 * Express' automatic `200 Allow: ...` itself, where the app's router walks on to the middleware after the routes
 * (Nest's not-found handler).
 */
function dispatcherFor(parent: IndexableRouter, run: readonly RouterLayer[]): Dispatcher {
  const routers = routersOf(parent, run);
  const optionsRouters = routersOf(
    parent,
    run.filter((layer) => layer.route?._handlesMethod('OPTIONS')),
  );
  return function indexedRoutes(request, response, next) {
    const key = requestKeyOf(request.url);
    const { byKey, every } = request.method === 'OPTIONS' ? optionsRouters : routers;
    const router = key === undefined ? every : byKey.get(key);
    if (router === undefined) {
      next();
      return;
    }
    router(request, response, next);
  };
}

/**
 * Replaces each run of consecutive routes whose paths start with literal segments by one middleware that looks the
 * request's bucket up in a map. Why hand-written: Express tries every route in registration order, one path-to-regexp
 * match each, so a request to the last controller of ~80 routes paid ~4 µs of a ~80 µs request walking them, and no
 * maintained Express plugin indexes routes. Outcomes are unchanged: routes of different buckets can never match the
 * same request, so within a run only the request's own bucket can answer, and it keeps its order. One difference, for
 * routers that end without middleware after their routes (Nest's never do): the router's own automatic OPTIONS answer
 * no longer lists the methods of indexed routes.
 * Middleware and routes that may match any bucket (`/:id`, `{*path}`) end a run and stay where they were. Call it once
 * every route and `router.param()` is registered; returns how many routes it indexed. `minRun` is for tests.
 */
export function indexRoutes(router: IndexableRouter, minRun = MIN_RUN): number {
  let indexed = 0;
  replaceRuns(
    router,
    (layer) => layer.route !== undefined && routeKeyOf(layer.route.path) !== undefined,
    (run) => {
      if (run.length < minRun) {
        return run;
      }
      indexed += run.length;
      return [middlewareLayer<RouterLayer>(dispatcherFor(router, run))];
    },
  );
  if (indexed > 0) {
    shareParamCalls(router.params);
  }
  return indexed;
}
