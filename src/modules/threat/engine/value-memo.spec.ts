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

  it('drops the oldest entry when full', () => {
    const memo = new ValueMemo(2);
    memo.remember('a', []);
    memo.remember('b', []);
    memo.remember('c', []);
    expect(memo.size).toBe(2);
    expect(memo.get('a')).toBeUndefined();
    expect(memo.get('c')).toEqual([]);
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
