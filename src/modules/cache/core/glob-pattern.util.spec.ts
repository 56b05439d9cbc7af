import fc from 'fast-check';

import { CacheException } from '../cache.exception.js';
import { assertPattern, globMatcher } from './glob-pattern.util.js';

describe('globMatcher', () => {
  it.each([
    ['users:*', 'users:1', true],
    ['users:*', 'user:1', false],
    ['users:?', 'users:12', false],
    ['users:??', 'users:12', true],
    ['*:p:*', 'a:p:b', true],
    ['*', '', true],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'aXXbYY', false],
    ['users:p\\*x', 'users:p*x', true],
    ['users:p\\*x', 'users:pyx', false],
    ['users:\\?', 'users:?', true],
  ])('%s against %s is %s', (pattern, key, expected) => {
    expect(globMatcher(pattern)(key)).toBe(expected);
  });

  it('agrees with an anchored regular expression on random patterns of letters, * and ?', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ab*?]{0,8}$/), fc.stringMatching(/^[ab]{0,10}$/), (pattern, key) => {
        const regex = new RegExp(`^${pattern.replaceAll('*', '.*').replaceAll('?', '.')}$`, 's');
        expect(globMatcher(pattern)(key)).toBe(regex.test(key));
      }),
    );
  });

  it('stays fast on a pattern built to make backtracking matchers explode', () => {
    const matches = globMatcher(`${'*a'.repeat(200)}b`);
    const started = performance.now();
    expect(matches('a'.repeat(500))).toBe(false);
    // Bounded work, not a timing assertion: an exponential matcher would not return at all.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('assertPattern', () => {
  it.each(['', '[ab]', 'a]', 'ends\\', 'a\nb', 'x'.repeat(601)])('refuses %j', (pattern) => {
    expect(() => assertPattern(pattern)).toThrow(CacheException);
  });

  it.each(['users:*', 'a\\[b\\]', '*'])('accepts %j', (pattern) => {
    expect(() => assertPattern(pattern)).not.toThrow();
  });
});
