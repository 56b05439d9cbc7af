import { LRUCache } from 'lru-cache';

export interface MemoizeByStringOptions {
  /** How many recently used answers are kept. */
  readonly max: number;
  /** Longer keys are always computed, never kept: a stream of huge or hostile keys cannot crowd out the useful ones. */
  readonly longestKey: number;
}

/**
 * `compute` remembering its answers for the keys used most recently: for a pure function of a string that hot paths
 * call again and again with the same few keys (client addresses, cache identities).
 */
export function memoizeByString<T extends NonNullable<unknown>>(compute: (key: string) => T, options: MemoizeByStringOptions): (key: string) => T {
  const answers = new LRUCache<string, T>({ max: options.max });
  return (key) => {
    if (key.length > options.longestKey) {
      return compute(key);
    }
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = compute(key);
      answers.set(key, answer);
    }
    return answer;
  };
}
