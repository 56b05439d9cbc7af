import { CacheException, CacheExceptionCode } from '../cache.exception.js';
import { hasControlChar } from './cache-key.util.js';

const MAX_PATTERN_LENGTH = 600;

/**
 * Checks a pattern over full keys (`<namespace>:<key>`) in the subset of Redis' glob both tiers agree on: `*` (any
 * run), `?` (one character) and `\` escaping the next character. Character classes are refused, so the L1 matcher
 * below and Redis' SCAN MATCH cannot disagree on them.
 */
export function assertPattern(pattern: string): void {
  if (typeof pattern !== 'string' || pattern.length === 0 || pattern.length > MAX_PATTERN_LENGTH || hasControlChar(pattern)) {
    throw new CacheException(CacheExceptionCode.INVALID_PATTERN, `A pattern is 1-${MAX_PATTERN_LENGTH} characters without control characters.`);
  }
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      if (i === pattern.length - 1) {
        throw new CacheException(CacheExceptionCode.INVALID_PATTERN, 'A pattern cannot end with an escaping "\\".');
      }
      i++;
    } else if (char === '[' || char === ']') {
      throw new CacheException(CacheExceptionCode.INVALID_PATTERN, 'Patterns support "*", "?" and "\\" escapes; escape "[" and "]" as "\\[" and "\\]".');
    }
  }
}

interface Token {
  kind: 'any' | 'one' | 'char';
  char: string;
}

function tokens(pattern: string): Token[] {
  const list: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === '\\') {
      list.push({ kind: 'char', char: pattern[++i] as string });
    } else {
      list.push({ kind: char === '*' ? 'any' : char === '?' ? 'one' : 'char', char });
    }
  }
  return list;
}

/**
 * A matcher for a checked pattern. Iterative with one saved star (the classic wildcard algorithm): O(key × pattern)
 * at worst, never exponential, so an operator's pattern cannot stall the process.
 */
export function globMatcher(pattern: string): (key: string) => boolean {
  const parts = tokens(pattern);
  return (key) => {
    let k = 0;
    let p = 0;
    let starP = -1;
    let starK = 0;
    while (k < key.length) {
      const part = parts[p];
      if (part !== undefined && (part.kind === 'one' || (part.kind === 'char' && part.char === key[k]))) {
        k++;
        p++;
      } else if (part?.kind === 'any') {
        starP = p++;
        starK = k;
      } else if (starP >= 0) {
        p = starP + 1;
        k = ++starK;
      } else {
        return false;
      }
    }
    while (parts[p]?.kind === 'any') {
      p++;
    }
    return p === parts.length;
  };
}
