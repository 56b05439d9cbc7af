import type { MicrosecondClock, RateLimitStrategy } from '../../src/modules/security/rate-limit/rate-limit.types.js';

const SECOND = 1_000_000;

/**
 * The behaviour every rate-limit strategy (in memory, Redis) must show, run against each of them. `create` gets a
 * clock the suite moves by hand and must return a strategy with fresh state.
 */
export function rateLimitStrategyContract(create: (clock: MicrosecondClock) => RateLimitStrategy): void {
  let now: number;
  let strategy: RateLimitStrategy;
  const request = { limit: 4, windowMs: 2000, cost: 1 };

  beforeEach(() => {
    now = 1_700_000_000 * SECOND;
    strategy = create(() => now);
  });

  it('allows a burst of exactly the limit, counting remaining down, then denies with a retry time', async () => {
    const decisions = [];
    for (let i = 0; i < 5; i++) {
      decisions.push(await strategy.consume('k', request));
    }
    expect(decisions.map((d) => [d.allowed, d.remaining])).toEqual([
      [true, 3],
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
    expect(decisions[4]).toMatchObject({ limit: 4, resetMs: 2000, retryAfterMs: 500 });
  });

  it('admits one more per emission interval (windowMs / limit)', async () => {
    for (let i = 0; i < 4; i++) {
      await strategy.consume('k', request);
    }
    now += 499_000;
    await expect(strategy.consume('k', request)).resolves.toMatchObject({ allowed: false, retryAfterMs: 1 });
    now += 1_000;
    await expect(strategy.consume('k', request)).resolves.toMatchObject({ allowed: true, remaining: 0 });
  });

  it('spends cost units at once and does not spend a denied cost', async () => {
    await expect(strategy.consume('k', { ...request, cost: 3 })).resolves.toMatchObject({ allowed: true, remaining: 1, resetMs: 1500 });
    await expect(strategy.consume('k', { ...request, cost: 2 })).resolves.toMatchObject({ allowed: false, remaining: 1 });
    await expect(strategy.consume('k', { ...request, cost: 1 })).resolves.toMatchObject({ allowed: true, remaining: 0 });
  });

  it('keeps keys apart', async () => {
    for (let i = 0; i < 4; i++) {
      await strategy.consume('a', request);
    }
    await expect(strategy.consume('b', request)).resolves.toMatchObject({ allowed: true, remaining: 3 });
  });

  it('gives the whole limit back after a window of silence', async () => {
    for (let i = 0; i < 4; i++) {
      await strategy.consume('k', request);
    }
    now += 2 * SECOND;
    await expect(strategy.consume('k', request)).resolves.toMatchObject({ allowed: true, remaining: 3 });
  });
}
