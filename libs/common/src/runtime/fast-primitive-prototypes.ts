/** The prototypes V8 reaches from primitive values: `'a'.charCodeAt` looks `charCodeAt` up on String.prototype. */
const PRIMITIVE_PROTOTYPES: readonly object[] = [String.prototype, Number.prototype, Boolean.prototype, Symbol.prototype, BigInt.prototype];

/**
 * Puts the prototypes of primitive values back into V8's fast-properties mode. Call it once the app's modules are
 * loaded (configureApp does).
 *
 * Why: a module that subclasses a primitive wrapper (`class VerbatimString extends String` in @redis/client, which
 * @keyv/redis loads) makes V8 switch String.prototype to dictionary mode while it "sets up" a new prototype. V8 turns a
 * prototype fast again when an inline cache misses on an object whose prototype chain holds it, but lookups on string
 * primitives never do, so String.prototype stays in dictionary mode for the life of the process. Optimised code then
 * cannot inline `charCodeAt`, `slice` or `includes`: a `charCodeAt` loop runs about 9 times slower, every parser and
 * scanner in the process with it. A `for…in` over an object inheriting from a prototype makes V8 turn the whole
 * chain fast again (`MakePrototypesFast` before enumerating). No library offers this; it changes no property.
 */
export function restoreFastPrimitivePrototypes(): void {
  for (const prototype of PRIMITIVE_PROTOTYPES) {
    // The walk itself is the point: nothing is read or kept.
    for (const key in Object.create(prototype) as object) {
      void key;
    }
  }
}
