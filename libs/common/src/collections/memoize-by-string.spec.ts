import { memoizeByString } from './memoize-by-string.js';

/** `memoizeByString` over a function that counts its calls. */
function counted(options: { max: number; longestKey: number }): { memoized: (key: string) => string; calls: () => number } {
  let calls = 0;
  const memoized = memoizeByString((key) => {
    calls += 1;
    return key.toUpperCase();
  }, options);
  return { calls: () => calls, memoized };
}

describe(memoizeByString.name, () => {
  it('computes a key once and answers it again from memory', () => {
    const { calls, memoized } = counted({ longestKey: 16, max: 4 });

    expect(memoized('a')).toBe('A');
    expect(memoized('a')).toBe('A');
    expect(memoized('b')).toBe('B');
    expect(calls()).toBe(2);
  });

  it('always computes keys longer than the longest it keeps', () => {
    const { calls, memoized } = counted({ longestKey: 3, max: 4 });

    expect(memoized('long')).toBe('LONG');
    expect(memoized('long')).toBe('LONG');
    expect(calls()).toBe(2);
  });

  it('forgets the least recently used key when full, and keeps the one just used', () => {
    const { calls, memoized } = counted({ longestKey: 16, max: 2 });
    memoized('a');
    memoized('b');
    memoized('a');
    memoized('c');

    memoized('a');
    expect(calls()).toBe(3);
    memoized('b');
    expect(calls()).toBe(4);
  });
});
