/**
 * A set of ASCII characters as 128 bits, for screens that ask whether a form holds any of them (see
 * form-profile.ts, which profiles each form once).
 */
export type CharSet = Readonly<Int32Array>;

/** The set of the characters in `chars` (ASCII only). */
export function charSet(chars: string): CharSet {
  const set = new Int32Array(4);
  for (let i = 0; i < chars.length; i++) {
    const code = chars.charCodeAt(i);
    if (code >= 0x80) {
      throw new Error(`charSet: ${JSON.stringify(chars.charAt(i))} is not ASCII`);
    }
    set[code >> 5] = (set[code >> 5] ?? 0) | (1 << (code & 31));
  }
  return set;
}

/** In a screen gate (see `gated` in screen-kit.ts), stands for any character outside ASCII as well as DEL itself. */
export const NON_ASCII: CharSet = charSet('\u007f');

/** The characters of all `sets`. */
export function union(...sets: CharSet[]): CharSet {
  const all = new Int32Array(4);
  for (const set of sets) {
    for (let word = 0; word < 4; word++) {
      all[word] = (all[word] ?? 0) | (set[word] ?? 0);
    }
  }
  return all;
}
