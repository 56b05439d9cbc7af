import { Router, type RequestHandler } from 'express';

/** The parts of Express' router (the `router` package) that rearranging its stack reads and writes. */
export interface RouterInternals<Layer> {
  stack: Layer[];
  /** `router.param()` callbacks by parameter name. */
  params: Record<string, unknown>;
}

/** A router of `layers` sharing `parent`'s param callbacks, so its routes behave as they did in the parent. */
export function routerOf<Layer>(parent: RouterInternals<Layer>, layers: readonly Layer[]): Router {
  const router = Router();
  const internals = router as unknown as RouterInternals<Layer>;
  internals.stack.push(...layers);
  internals.params = parent.params;
  return router;
}

/** The layer Express' router makes for `router.use(middleware)`. */
export function middlewareLayer<Layer>(middleware: RequestHandler): Layer {
  const holder = Router();
  holder.use(middleware);
  return (holder as unknown as RouterInternals<Layer>).stack[0] as Layer;
}

/**
 * Rewrites `router`'s stack: each run of consecutive layers that `joins` accepts is replaced by the layers `replace`
 * returns for it; every other layer keeps its place.
 */
export function replaceRuns<Layer>(router: RouterInternals<Layer>, joins: (layer: Layer) => boolean, replace: (run: Layer[]) => readonly Layer[]): void {
  const stack: Layer[] = [];
  let run: Layer[] = [];
  const endRun = () => {
    if (run.length > 0) {
      stack.push(...replace(run));
    }
    run = [];
  };
  for (const layer of router.stack) {
    if (joins(layer)) {
      run.push(layer);
      continue;
    }
    endRun();
    stack.push(layer);
  }
  endRun();
  router.stack = stack;
}
