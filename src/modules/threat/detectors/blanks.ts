/** Index of the first character at or after `at` that is neither a space nor a tab (`text.length` when none is). */
export function skipBlanks(text: string, at: number): number {
  let i = at;
  while (i < text.length && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) {
    i++;
  }
  return i;
}
