/**
 * Counts character reads while `run` executes: the detectors' scanners read through `charAt`, so the count tracks
 * their work. Lets property tests check linear work without timing anything.
 */
export function charReads(run: () => void): number {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as the method it was, and only ever invoked with .call
  const original = String.prototype.charAt;
  let count = 0;
  String.prototype.charAt = function (this: string, pos: number) {
    count++;
    return original.call(this, pos);
  };
  try {
    run();
  } finally {
    String.prototype.charAt = original;
  }
  return count;
}

/** decodeURIComponent that gives the input back instead of throwing on a malformed sequence. */
export function decodeURIComponentSafe(input: string): string {
  try {
    return decodeURIComponent(input);
  } catch {
    return input;
  }
}
