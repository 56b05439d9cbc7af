/**
 * int64 fields (IR version, opset versions, dims) decode as `Long` objects (protobufjs, when the `long` package is
 * loaded) or numbers. This gives a number when it is exactly representable, else the decimal string, so JSON never
 * silently rounds a value. Typed `unknown` because onnx-proto's typings name a global `Long` type that is not declared.
 */
export function normaliseInt64(value: unknown): number | string | null {
  if (typeof value === 'number') {
    return value;
  }
  const isLong = typeof value === 'object' && value !== null && 'low' in value && 'high' in value && typeof value.toString === 'function';
  if (typeof value === 'string' || isLong) {
    // Long#toString() is its decimal form.
    const text = (value as { toString(): string }).toString();
    const asNumber = Number(text);
    return Number.isSafeInteger(asNumber) ? asNumber : text;
  }
  return null;
}

/** For arithmetic (element counts): a number, exact only up to 2^53, which no real tensor dimension reaches. */
export function int64ToNumber(value: unknown): number {
  const normalised = normaliseInt64(value);
  return normalised === null ? 0 : Number(normalised);
}
