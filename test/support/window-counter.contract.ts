import { randomUUID } from 'node:crypto';

import type { WindowCounter } from '../../src/modules/security/ip-blocks/auto-block/window-counter.js';

const WINDOW = 60_000;
const START = 30_000_000 * WINDOW;

async function hits(counter: WindowCounter, key: string, count: number, threshold: number, at: number): Promise<boolean[]> {
  const results: boolean[] = [];
  for (let index = 0; index < count; index += 1) {
    results.push(await counter.hit(key, threshold, at));
  }
  return results;
}

/**
 * What every `WindowCounter` must do, run against each implementation (memory, Redis). `create` makes a counter
 * over a 60 s window; keys are random so runs sharing a Redis never meet.
 */
export function windowCounterContract(name: string, create: (windowMs: number) => WindowCounter): void {
  describe(`${name} (WindowCounter contract)`, () => {
    let key: string;

    beforeEach(() => {
      key = `contract-${randomUUID()}`;
    });

    it('reports the threshold once, on the hit that reaches it, then counts from zero', async () => {
      const counter = create(WINDOW);
      expect(await hits(counter, key, 4, 4, START + 1)).toEqual([false, false, false, true]);
      expect(await hits(counter, key, 4, 4, START + 2)).toEqual([false, false, false, true]);
    });

    it('keeps keys apart', async () => {
      const counter = create(WINDOW);
      await hits(counter, key, 2, 3, START);
      expect(await counter.hit(`${key}-other`, 3, START)).toBe(false);
      expect(await counter.hit(key, 3, START)).toBe(true);
    });

    it('weights the previous bucket by its overlap with the window', async () => {
      const counter = create(WINDOW);
      await hits(counter, key, 10, 100, START + WINDOW - 1);
      const halfway = START + WINDOW + WINDOW / 2;
      expect(await hits(counter, key, 4, 10, halfway)).toEqual([false, false, false, false]);
      expect(await counter.hit(key, 10, halfway)).toBe(true);
    });

    it('forgets counts older than two windows', async () => {
      const counter = create(WINDOW);
      await hits(counter, key, 4, 5, START);
      expect(await counter.hit(key, 5, START + 2 * WINDOW + 1)).toBe(false);
    });
  });
}
