import { gcra } from './gcra.js';

const SECOND = 1_000_000;
const request = (limit: number, windowMs: number, cost = 1) => ({ limit, windowMs, cost });

/** Runs `times` decisions at `now`, threading the stored TAT like a store does. */
function burst(tat: number | undefined, now: number, times: number, limit: number, windowMs: number) {
  const results = [];
  let stored = tat;
  for (let i = 0; i < times; i++) {
    const result = gcra(stored, now, request(limit, windowMs));
    stored = result.tatUs;
    results.push(result);
  }
  return { results, tat: stored };
}

describe('gcra', () => {
  const now = 1_700_000_000 * SECOND;

  it('lets a burst of exactly `limit` through on a fresh key, then denies', () => {
    const { results } = burst(undefined, now, 11, 10, 1000);
    expect(results.slice(0, 10).every((r) => r.allowed)).toBe(true);
    expect(results.map((r) => r.remaining)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0]);
    expect(results[10]).toMatchObject({ allowed: false, remaining: 0, retryAfterMs: 100, resetMs: 1000 });
  });

  it('fits the burst even where windowMs / limit is not a whole number of microseconds', () => {
    const { results } = burst(undefined, now, 8, 7, 60_000);
    expect(results.filter((r) => r.allowed)).toHaveLength(7);
    expect(results[7]!.allowed).toBe(false);
  });

  it('admits one request per emission interval at a steady rate', () => {
    let { tat } = burst(undefined, now, 10, 10, 1000);
    for (let step = 1; step <= 5; step++) {
      const at = now + step * 100_000;
      const first = gcra(tat, at, request(10, 1000));
      expect(first.allowed).toBe(true);
      expect(first.remaining).toBe(0);
      const second = gcra(first.tatUs, at, request(10, 1000));
      expect(second.allowed).toBe(false);
      tat = first.tatUs;
    }
  });

  it('refills fully after a whole window of silence', () => {
    const { tat } = burst(undefined, now, 10, 10, 1000);
    const later = gcra(tat, now + SECOND, request(10, 1000));
    expect(later).toMatchObject({ allowed: true, remaining: 9 });
  });

  it('spends `cost` units at once and denies a cost that does not fit, without spending it', () => {
    const first = gcra(undefined, now, request(10, 1000, 4));
    expect(first).toMatchObject({ allowed: true, remaining: 6, resetMs: 400 });
    const second = gcra(first.tatUs, now, request(10, 1000, 7));
    expect(second).toMatchObject({ allowed: false, remaining: 6, retryAfterMs: 100 });
    expect(second.tatUs).toBe(first.tatUs);
    expect(gcra(second.tatUs, now, request(10, 1000, 6))).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('never allows a cost above the limit', () => {
    expect(gcra(undefined, now, request(5, 1000, 6)).allowed).toBe(false);
  });

  it('reports resetMs as the time until the whole limit is back and retryAfterMs as the time until the next one fits', () => {
    const { results, tat } = burst(undefined, now, 3, 3, 3000);
    expect(results[2]).toMatchObject({ allowed: true, remaining: 0, resetMs: 3000, retryAfterMs: 0 });
    const denied = gcra(tat, now + 250_000, request(3, 3000));
    expect(denied).toMatchObject({ allowed: false, resetMs: 2750, retryAfterMs: 750 });
    expect(gcra(tat, now + SECOND, request(3, 3000)).allowed).toBe(true);
  });

  it('lets no more than limit + elapsed/interval through across a window edge (no 2× burst)', () => {
    let tat: number | undefined;
    let allowed = 0;
    // 100 attempts just before and 100 just after a "window boundary" one window in.
    for (const at of [now + 999_000, now + 1_001_000]) {
      for (let i = 0; i < 100; i++) {
        const result = gcra(tat, at, request(10, 1000));
        tat = result.tatUs;
        allowed += result.allowed ? 1 : 0;
      }
    }
    expect(allowed).toBe(10);
  });

  it('marks the stored TAT stale once the key has been idle for its reset time', () => {
    const result = gcra(undefined, now, request(10, 1000, 2));
    expect(result.tatUs).toBe(now + result.resetMs * 1000);
  });
});
