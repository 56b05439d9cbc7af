/**
 * Freezes `value` and everything reachable from it, so a value shared by every L1 reader cannot be changed by one.
 * Byte arrays stay as they are: typed arrays with elements cannot be frozen.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value) || ArrayBuffer.isView(value)) {
    return value;
  }
  Object.freeze(value);
  if (value instanceof Map) {
    for (const [key, item] of value) {
      deepFreeze(key);
      deepFreeze(item);
    }
  } else if (value instanceof Set) {
    for (const item of value) {
      deepFreeze(item);
    }
  } else {
    for (const item of Object.values(value)) {
      deepFreeze(item);
    }
  }
  return value;
}
