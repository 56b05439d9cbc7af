/** A space or a tab. */
export function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** Index of the first character at or after `at` that is neither a space nor a tab (`text.length` when none is). */
export function skipBlanks(text: string, at: number): number {
  let i = at;
  while (i < text.length && isBlank(text.charCodeAt(i))) {
    i++;
  }
  return i;
}
