import { MemoryWindowCounter } from './memory-window-counter.js';
import { slidingCount } from './window-counter.js';

const WINDOW = 60_000;
const START = 1_000 * WINDOW;

async function hits(counter: MemoryWindowCounter, key: string, count: number, threshold: number, at: number): Promise<boolean[]> {
  const results: boolean[] = [];
  for (let index = 0; index < count; index += 1) {
    results.push(await counter.hit(key, threshold, at));
  }
  return results;
}

describe(MemoryWindowCounter.name, () => {
  describe('hit', () => {
    it('reports the threshold exactly once, on the hit that reaches it', async () => {
      const counter = new MemoryWindowCounter(WINDOW);
      expect(await hits(counter, 'a', 5, 5, START + 10)).toEqual([false, false, false, false, true]);
    });

    it('starts again from zero after reporting', async () => {
      const counter = new MemoryWindowCounter(WINDOW);
      await hits(counter, 'a', 3, 3, START);
      expect(await hits(counter, 'a', 3, 3, START + 1)).toEqual([false, false, true]);
    });

    it('counts keys separately', async () => {
      const counter = new MemoryWindowCounter(WINDOW);
      await hits(counter, 'a', 2, 3, START);
      expect(await counter.hit('b', 3, START)).toBe(false);
      expect(await counter.hit('a', 3, START)).toBe(true);
    });

    it('forgets events older than two windows', async () => {
      const counter = new MemoryWindowCounter(WINDOW);
      await hits(counter, 'a', 4, 5, START);
      expect(await counter.hit('a', 5, START + 2 * WINDOW + 1)).toBe(false);
    });

    it('carries the previous bucket, weighted by how much of it is still in the window', async () => {
      const counter = new MemoryWindowCounter(WINDOW);
      // 10 events late in one bucket, then a quarter into the next: 10 × 0.75 = 7.5 still count.
      await hits(counter, 'a', 10, 100, START + WINDOW - 1);
      const at = START + WINDOW + WINDOW / 4;
      expect(await hits(counter, 'a', 2, 10, at)).toEqual([false, false]);
      expect(await counter.hit('a', 10, at)).toBe(true);
    });

    it('sweeps idle keys and stays within its bound', async () => {
      const counter = new MemoryWindowCounter(WINDOW, 100);
      for (let index = 0; index < 500; index += 1) {
        await counter.hit(`k${index}`, 10, START);
      }
      expect(counter.keys).toBeLessThanOrEqual(100);
      await counter.hit('late', 10, START + 3 * WINDOW);
      expect(counter.keys).toBe(1);
    });
  });
});

describe('slidingCount', () => {
  it('weights the previous bucket by the part of the window not yet elapsed', () => {
    expect(slidingCount(8, 1, 0, 100)).toBe(9);
    expect(slidingCount(8, 1, 50, 100)).toBe(5);
    expect(slidingCount(8, 1, 175, 100)).toBe(3);
  });
});
