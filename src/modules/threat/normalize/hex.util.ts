/** The value of one hex digit's char code, or -1. */
export function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) {
    return code - 0x30;
  }
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) {
    return lower - 0x61 + 10;
  }
  return -1;
}

/** The value of exactly `length` hex digits at `start`, or -1 when any is missing or not hex. */
export function hexRun(s: string, start: number, length: number): number {
  if (start + length > s.length) {
    return -1;
  }
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const digit = hexValue(s.charCodeAt(i));
    if (digit < 0) {
      return -1;
    }
    value = value * 16 + digit;
  }
  return value;
}
