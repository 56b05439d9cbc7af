/** A decoded escape and how many input characters it replaces, or null when there is none at `start`. */
export type EscapeAt = (input: string, start: number) => [text: string, length: number] | null;

/**
 * Replaces every escape that starts with `marker` (`\`, `&`) by its decoding, in one left-to-right pass (linear:
 * each character is looked at a bounded number of times). `skipFailed` says how far to move past a marker that
 * starts no escape (JS skips both backslashes of `\\`).
 */
export function replaceEscapes(input: string, marker: string, escapeAt: EscapeAt, skipFailed: (input: string, at: number) => number = () => 1): string {
  let i = input.indexOf(marker);
  if (i < 0) {
    return input;
  }
  const out: string[] = [];
  let last = 0;
  while (i >= 0) {
    const escape = escapeAt(input, i);
    if (escape) {
      out.push(input.slice(last, i), escape[0]);
      last = i + escape[1];
      i = input.indexOf(marker, last);
    } else {
      i = input.indexOf(marker, i + skipFailed(input, i));
    }
  }
  out.push(input.slice(last));
  return out.join('');
}
