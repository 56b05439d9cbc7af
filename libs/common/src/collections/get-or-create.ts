/** A Map or WeakMap, as getOrCreate uses it. */
interface KeyedStore<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/**
 * The value under `key`, made by `create` and stored the first time. Pass a function defined once (not an arrow
 * written at the call) where it runs per request, so no closure is made per call.
 */
export function getOrCreate<K, V>(store: KeyedStore<K, V>, key: K, create: () => V): V {
  let value = store.get(key);
  if (value === undefined) {
    value = create();
    store.set(key, value);
  }
  return value;
}
