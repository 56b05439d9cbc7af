import type { L1Entry } from './cache-record.js';
import { L1Cache } from './l1-cache.js';

const entry = (value: unknown, overrides: Partial<L1Entry> = {}): L1Entry => ({ value, freshUntil: 2_000, staleUntil: 3_000, tags: [], bytes: 10, ...overrides });

describe(L1Cache.name, () => {
  it('evicts the least recently used entry beyond its entry bound', () => {
    const l1 = new L1Cache({ maxEntries: 2, maxBytes: 1_000_000 });
    l1.set('a', entry(1));
    l1.set('b', entry(2));
    l1.get('a', 0);
    l1.set('c', entry(3));

    expect([l1.get('a', 0)?.value, l1.get('b', 0)?.value, l1.get('c', 0)?.value]).toEqual([1, undefined, 3]);
  });

  it('evicts to stay within its byte bound, and refuses an entry larger than the bound', () => {
    const l1 = new L1Cache({ maxEntries: 100, maxBytes: 1_000 });
    l1.set('a', entry(1, { bytes: 400 }));
    l1.set('b', entry(2, { bytes: 400 }));
    l1.set('huge', entry(3, { bytes: 5_000 }));

    expect(l1.bytes).toBeLessThanOrEqual(1_000);
    expect(l1.get('huge', 0)).toBeUndefined();
    expect(l1.get('b', 0)?.value).toBe(2);
  });

  it('drops an entry read after its grace ended', () => {
    const l1 = new L1Cache({ maxEntries: 10, maxBytes: 10_000 });
    l1.set('a', entry(1, { staleUntil: 100 }));

    expect(l1.get('a', 99)?.value).toBe(1);
    expect(l1.get('a', 100)).toBeUndefined();
    expect(l1.entries).toBe(0);
  });

  it('drops tagged entries by tag, and forgets tags of overwritten entries', () => {
    const l1 = new L1Cache({ maxEntries: 10, maxBytes: 10_000 });
    l1.set('a', entry(1, { tags: ['t'] }));
    l1.set('b', entry(2, { tags: ['t', 'u'] }));
    l1.set('c', entry(3));
    l1.set('a', entry(4));

    expect(l1.deleteTagged(['t'])).toBe(1);
    expect([l1.get('a', 0)?.value, l1.get('b', 0), l1.get('c', 0)?.value]).toEqual([4, undefined, 3]);
  });

  it('drops entries whose key matches', () => {
    const l1 = new L1Cache({ maxEntries: 10, maxBytes: 10_000 });
    for (const key of ['ns:a', 'ns:b', 'other:a']) {
      l1.set(key, entry(key));
    }

    expect(l1.deleteMatching((key) => key.startsWith('ns:'))).toBe(2);
    expect(l1.entries).toBe(1);
  });
});
