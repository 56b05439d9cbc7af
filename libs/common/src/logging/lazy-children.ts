import type { Bindings, ChildLoggerOptions, Logger } from 'pino';

/** pino's own `child`, called with the parent as `this`. */
type ChildFactory = Logger['child'];

const makeChild = (eagerChild: ChildFactory, parent: Logger, bindings: Bindings, options?: ChildLoggerOptions): Logger =>
  Reflect.apply(eagerChild, parent, [bindings, options]);

/**
 * A stand-in that becomes the logger `create` makes the first time anything but `child` is asked of it. Its own
 * children are stand-ins too, made from it when they are first used.
 */
function deferredLogger(create: () => Logger, eagerChild: ChildFactory): Logger {
  let made: Logger | undefined;
  const logger = (): Logger => (made ??= create());
  const child = (bindings: Bindings, options?: ChildLoggerOptions): Logger =>
    deferredLogger(() => makeChild(eagerChild, logger(), bindings, options), eagerChild);
  return new Proxy(Object.create(null) as Logger, {
    get(_target, property) {
      if (property === 'child') {
        return child;
      }
      const instance = logger();
      const value: unknown = Reflect.get(instance, property, instance);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(instance) : value;
    },
    set: (_target, property, value) => Reflect.set(logger(), property, value),
    has: (_target, property) => Reflect.has(logger(), property),
  });
}

/**
 * Makes the children of `root`, and theirs, serialise their bindings when first used rather than when made.
 * pino-http makes two children per request (the request id, then the request itself), and pino serialises and
 * redacts a child's bindings as it makes it: about a tenth of a cached request's CPU, spent for logs that most
 * requests never write. What a child writes when it does log is unchanged.
 */
export function withLazyChildren(root: Logger): Logger {
  const eagerChild: ChildFactory = Reflect.get(root, 'child');
  Object.defineProperty(root, 'child', {
    configurable: true,
    writable: true,
    value(this: Logger, bindings: Bindings, options?: ChildLoggerOptions): Logger {
      return deferredLogger(() => makeChild(eagerChild, this, bindings, options), eagerChild);
    },
  });
  return root;
}
