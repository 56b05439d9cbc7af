export const FORBIDDEN_KEY_MESSAGE = 'Forbidden JSON key';

/**
 * `JSON.parse` reviver for request bodies: a `__proto__` key, or `prototype` under `constructor`, is how
 * prototype-pollution payloads start; no legitimate API body needs one, so the whole body is refused (400).
 */
export function rejectPrototypeKeys(key: string, value: unknown): unknown {
  const isConstructorPrototype = key === 'constructor' && typeof value === 'object' && value !== null && Object.hasOwn(value, 'prototype');
  if (key === '__proto__' || isConstructorPrototype) {
    throw new SyntaxError(`${FORBIDDEN_KEY_MESSAGE} "${key}" in the request body.`);
  }
  return value;
}
