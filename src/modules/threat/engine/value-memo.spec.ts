import type { DetectorMatch } from './threat.types.js';
import { ValueMemo } from './value-memo.js';

const match: DetectorMatch = { ruleId: 'sqli-001', kind: 'sqli', class: 'sqli', severity: 'critical', paranoia: 1, fragment: "' or 1=1" };

describe('ValueMemo', () => {
  it('remembers matches, and the absence of matches, and counts hits and misses', () => {
    const memo = new ValueMemo(10);
    expect(memo.get("' or 1=1")).toBeUndefined();
    memo.remember("' or 1=1", [match]);
    memo.remember('page', []);
    expect(memo.get("' or 1=1")).toEqual([match]);
    expect(memo.get('page')).toEqual([]);
    expect({ hits: memo.hits, misses: memo.misses }).toEqual({ hits: 2, misses: 1 });
  });

  it('keeps its own copy, so a caller changing the array it passed changes nothing', () => {
    const memo = new ValueMemo(10);
    const found = [match];
    memo.remember('x', found);
    found.pop();
    expect(memo.get('x')).toEqual([match]);
  });

  it('holds at most its size, dropping the least recently used generation first', () => {
    const memo = new ValueMemo(4);
    for (const value of ['a', 'b', 'c', 'd']) {
      memo.remember(value, []);
    }
    // A hit moves `a` to the young generation, so the next turnover drops `b`, not `a`.
    expect(memo.get('a')).toEqual([]);
    memo.remember('e', []);
    memo.remember('f', []);
    expect(memo.size).toBeLessThanOrEqual(4);
    expect(memo.get('a')).toEqual([]);
    expect(memo.get('b')).toBeUndefined();
    expect(memo.get('f')).toEqual([]);
  });

  it('by default holds a browser User-Agent, but not a value past 256 characters', () => {
    const memo = new ValueMemo(10);
    const userAgent = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
    memo.remember(userAgent, []);
    memo.remember('x'.repeat(257), []);
    expect(memo.get(userAgent)).toEqual([]);
    expect(memo.get('x'.repeat(257))).toBeUndefined();
  });

  it('never holds values longer than its limit, nor anything when sized 0', () => {
    const memo = new ValueMemo(10, 4);
    memo.remember('12345', []);
    expect(memo.get('12345')).toBeUndefined();
    const off = new ValueMemo(0);
    off.remember('a', []);
    expect(off.size).toBe(0);
  });
});
