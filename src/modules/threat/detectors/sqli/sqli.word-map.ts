/** Bit of a length in a shape entry; every length from 31 up shares the top bit. */
const lengthBit = (length: number): number => 1 << Math.min(length, 31);

/**
 * A word map looked up for every token, that answers "no such word" for most words of prose without hashing them:
 * it knows the first and last character and the length of every key, and consults the map only for a word that
 * shares all three with some key (or has a non-ASCII end, which it does not track).
 */
export class WordMap<V> {
  private readonly map: ReadonlyMap<string, V>;
  /** Entry `(first << 7) | last`: the length bits of the keys with those ASCII ends. */
  private readonly shapes = new Uint32Array(0x80 * 0x80);

  constructor(entries: Iterable<readonly [string, V]>) {
    this.map = new Map(entries);
    for (const key of this.map.keys()) {
      const first = key.charCodeAt(0);
      const last = key.charCodeAt(key.length - 1);
      if (first < 0x80 && last < 0x80) {
        this.shapes[(first << 7) | last] = (this.shapes[(first << 7) | last] ?? 0) | lengthBit(key.length);
      }
    }
  }

  get(word: string): V | undefined {
    const first = word.charCodeAt(0);
    const last = word.charCodeAt(word.length - 1);
    if (first < 0x80 && last < 0x80 && ((this.shapes[(first << 7) | last] ?? 0) & lengthBit(word.length)) === 0) {
      return undefined;
    }
    return this.map.get(word);
  }
}
