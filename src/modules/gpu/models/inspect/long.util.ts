/** A protobuf int64 as protobufjs hands it over: a number, or a `Long` when the `long` package is loaded. */
export type Int64 = number | { toString(): string } | null | undefined;

/**
 * int64 fields (IR version, opset versions, dims) decode as `Long` objects: a number when it is exactly
 * representable, else its decimal string, so JSON never silently rounds a value.
 */
export function normaliseInt64(value: Int64): number | string | null {
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof value === 'number') {
    return value;
  }
  const text = value.toString();
  const asNumber = Number(text);
  return Number.isSafeInteger(asNumber) ? asNumber : text;
}

/** For arithmetic (element counts): a number, exact only up to 2^53, which no real tensor dimension reaches. */
export function int64ToNumber(value: Int64): number {
  const normalised = normaliseInt64(value);
  return normalised === null ? 0 : Number(normalised);
}
