import { rateLimitStrategyContract } from '../../../../test/support/rate-limit-strategy.contract.js';
import { InMemoryRateLimitStrategy } from './in-memory-rate-limit.strategy.js';

const SECOND = 1_000_000;

function strategy(maxKeys?: number) {
  let now = 1_700_000_000 * SECOND;
  const store = new InMemoryRateLimitStrategy({ maxKeys, clock: () => now });
  return { store, advance: (us: number) => (now += us) };
}

describe(InMemoryRateLimitStrategy.name, () => {
  describe('the rate-limit strategy contract', () => {
    rateLimitStrategyContract((clock) => new InMemoryRateLimitStrategy({ clock }));
  });

  describe('consume', () => {
    it('decides with GCRA per key', async () => {
      const { store } = strategy();
      const decisions = [];
      for (let i = 0; i < 4; i++) {
        decisions.push(await store.consume('a', { limit: 3, windowMs: 1000, cost: 1 }));
      }
      expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
      expect(await store.consume('b', { limit: 3, windowMs: 1000, cost: 1 })).toMatchObject({ allowed: true, remaining: 2 });
    });

    it('keeps one entry per key however many requests it makes (O(1) state)', () => {
      const { store } = strategy();
      for (let i = 0; i < 10_000; i++) {
        store.consumeNow('hot', { limit: 1_000_000, windowMs: 60_000, cost: 1 });
      }
      expect(store.size).toBe(1);
    });

    it('drops idle keys once their time has passed, as later requests come, without a timer', () => {
      const { store, advance } = strategy();
      for (let i = 0; i < 10; i++) {
        store.consumeNow(`idle-${i}`, { limit: 10, windowMs: 1000, cost: 1 });
      }
      expect(store.size).toBe(10);
      advance(2 * SECOND);
      for (let i = 0; i < 5; i++) {
        store.consumeNow('active', { limit: 10, windowMs: 1000, cost: 1 });
      }
      expect(store.size).toBe(1);
    });

    it('keeps keys that are still limited', () => {
      const { store, advance } = strategy();
      for (let i = 0; i < 5; i++) {
        store.consumeNow('busy', { limit: 5, windowMs: 10_000, cost: 1 });
      }
      advance(SECOND);
      store.consumeNow('other', { limit: 5, windowMs: 10_000, cost: 1 });
      expect(store.size).toBe(2);
      expect(store.consumeNow('busy', { limit: 5, windowMs: 10_000, cost: 1 }).allowed).toBe(false);
    });

    it('evicts the least recently used key beyond maxKeys', () => {
      const { store } = strategy(2);
      store.consumeNow('a', { limit: 1, windowMs: 60_000, cost: 1 });
      store.consumeNow('b', { limit: 1, windowMs: 60_000, cost: 1 });
      store.consumeNow('c', { limit: 1, windowMs: 60_000, cost: 1 });
      expect(store.size).toBe(2);
      expect(store.consumeNow('b', { limit: 1, windowMs: 60_000, cost: 1 }).allowed).toBe(false);
      expect(store.consumeNow('a', { limit: 1, windowMs: 60_000, cost: 1 }).allowed).toBe(true);
    });

    it('does not store anything for a denied request', () => {
      const { store } = strategy();
      expect(store.consumeNow('big', { limit: 2, windowMs: 1000, cost: 3 }).allowed).toBe(false);
      expect(store.size).toBe(0);
    });
  });
});
