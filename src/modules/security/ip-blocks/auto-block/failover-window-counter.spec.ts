import { jest } from '@jest/globals';

import { FailoverWindowCounter } from './failover-window-counter.js';
import { MemoryWindowCounter } from './memory-window-counter.js';
import type { WindowCounter } from './window-counter.js';

describe(FailoverWindowCounter.name, () => {
  it('answers from the primary while it works', async () => {
    const primary: WindowCounter = { hit: jest.fn(() => Promise.resolve(true)) };
    const fallback = new MemoryWindowCounter(1_000);
    const counter = new FailoverWindowCounter(primary, fallback, () => undefined);
    expect(await counter.hit('a', 100, 0)).toBe(true);
    expect(fallback.keys).toBe(0);
  });

  it('counts in the fallback while the primary fails, and reports each failure', async () => {
    const failures: unknown[] = [];
    const primary: WindowCounter = { hit: () => Promise.reject(new Error('redis down')) };
    const counter = new FailoverWindowCounter(primary, new MemoryWindowCounter(1_000), (error) => failures.push(error));
    expect(await counter.hit('a', 2, 0)).toBe(false);
    expect(await counter.hit('a', 2, 0)).toBe(true);
    expect(failures).toHaveLength(2);
  });
});
