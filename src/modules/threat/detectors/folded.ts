/** Whether `text` contains `needle` (lower-case ASCII letters and punctuation) ignoring ASCII case, without allocating. */
export function includesFolded(text: string, needle: string): boolean {
  const first = needle.charCodeAt(0);
  const last = text.length - needle.length;
  for (let i = 0; i <= last; i++) {
    if (foldAscii(text.charCodeAt(i)) !== first) {
      continue;
    }
    let j = 1;
    while (j < needle.length && foldAscii(text.charCodeAt(i + j)) === needle.charCodeAt(j)) {
      j++;
    }
    if (j === needle.length) {
      return true;
    }
  }
  return false;
}

/** ASCII upper-case letters to lower case; every other code unit unchanged. */
export function foldAscii(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code | 0x20 : code;
}
