import type { NextFunction, Request, Response } from 'express';

import { getOrCreate } from '../collections/get-or-create.js';

type ParamCallback = (request: Request, response: Response, next: NextFunction, value: unknown, name: string) => void;

/** What a param's callbacks did for one request, as Express' router keeps it per `handle` call. */
interface ParamCall {
  match: unknown;
  value: unknown;
  error: unknown;
}

const newCalls = (): Map<string, ParamCall> => new Map();

/**
 * Makes `router.param()` callbacks run once per request and value across `router` and the routers made from its
 * stack (routerOf), as Express runs them once within one router. Express remembers the calls per `handle` call, so a
 * sub-router would run them again for a route the parent's earlier route already ran them for. Wraps the callbacks
 * registered so far, in place (the sub-routers share the `params` object); later `param()` calls are not shared.
 */
export function shareParamCalls(params: Record<string, unknown>): void {
  const calls = new WeakMap<Request, Map<string, ParamCall>>();
  for (const [name, callbacks] of Object.entries(params)) {
    params[name] = [onceAcrossRouters(calls, callbacks as ParamCallback[])];
  }
}

function onceAcrossRouters(calls: WeakMap<Request, Map<string, ParamCall>>, callbacks: readonly ParamCallback[]): ParamCallback {
  return (request, response, next, value, name) => {
    const byName = getOrCreate(calls, request, newCalls);
    const seen = byName.get(name);
    // Express' rule: the same value replays the outcome; an error other than 'route' replays for any value.
    if (seen !== undefined && (seen.match === value || (Boolean(seen.error) && seen.error !== 'route'))) {
      request.params[name] = seen.value as string;
      next(seen.error);
      return;
    }
    const call: ParamCall = { match: value, value, error: undefined };
    byName.set(name, call);
    let index = 0;
    const step = (error?: unknown): void => {
      call.value = request.params[name];
      const callback = callbacks[index++];
      if (error) {
        call.error = error;
        next(error);
      } else if (callback === undefined) {
        next();
      } else {
        try {
          callback(request, response, step, value, name);
        } catch (thrown) {
          step(thrown);
        }
      }
    };
    step();
  };
}
