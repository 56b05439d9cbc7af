/**
 * Maximal runs of ASCII letters, case-folded and hashed without allocating: how screens look words up in one pass.
 * A collision only makes a screen say "maybe", never "no", so a 32-bit hash is enough.
 */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export function isAsciiLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

/** The hash a lower-case word of ASCII letters gets, the same as its run in a text gets from `letterRunFlags`. */
export function hashLetters(word: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) {
    hash = Math.imul(hash ^ (word.charCodeAt(i) | 0x20), FNV_PRIME);
  }
  return hash;
}

/** A word table for `letterRunFlags`: each word's hash mapped to the flags it raises (ORed on collision). */
export function letterTable(entries: Iterable<readonly [word: string, flags: number]>): ReadonlyMap<number, number> {
  const table = new Map<number, number>();
  for (const [word, flags] of entries) {
    const hash = hashLetters(word);
    table.set(hash, (table.get(hash) ?? 0) | flags);
  }
  return table;
}

/** ORs the flags of every maximal letter run of `text` found in `table` (case-insensitively). */
export function letterRunFlags(text: string, table: ReadonlyMap<number, number>): number {
  let flags = 0;
  let hash = FNV_OFFSET;
  let inRun = false;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0;
    if (isAsciiLetter(code)) {
      hash = Math.imul(hash ^ (code | 0x20), FNV_PRIME);
      inRun = true;
    } else if (inRun) {
      flags |= table.get(hash) ?? 0;
      hash = FNV_OFFSET;
      inRun = false;
    }
  }
  return flags;
}

/**
 * The lower-cased letter runs of a needle that stay whole wherever a rule finds the needle: inner runs always, a run
 * at the needle's start or end only when the rule checks for a non-letter beside that edge (`edgesBounded`).
 */
export function boundedRuns(text: string, edgesBounded: { start: boolean; end: boolean }): string[] {
  const runs: string[] = [];
  const pattern = /[a-z]+/gi;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const touchesStart = m.index === 0;
    const touchesEnd = m.index + m[0].length === text.length;
    if ((!touchesStart || edgesBounded.start) && (!touchesEnd || edgesBounded.end)) {
      runs.push(m[0].toLowerCase());
    }
  }
  return runs;
}
