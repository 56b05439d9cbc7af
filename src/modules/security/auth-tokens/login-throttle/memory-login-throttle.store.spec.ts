import { MemoryLoginThrottleStore } from './memory-login-throttle.store.js';
import type { ThrottlePolicy } from './throttle-policy.js';

const POLICY: ThrottlePolicy = { freeAttempts: 2, baseDelayMs: 1_000, maxDelayMs: 8_000, idleResetMs: 60_000 };

describe(MemoryLoginThrottleStore.name, () => {
  it('throttles after the free attempts and lifts the wait once it has passed', async () => {
    const store = new MemoryLoginThrottleStore();
    const keys = [{ key: 'a', policy: POLICY }];
    expect(await store.attempt(keys, 0)).toBe(0);
    expect(await store.attempt(keys, 0)).toBe(0);
    expect(await store.attempt(keys, 0)).toBe(1_000);
    expect(await store.attempt(keys, 1_000)).toBe(0);
    expect(await store.attempt(keys, 1_000)).toBe(2_000);
  });

  it('stays bounded, dropping the least recently touched counters first', async () => {
    const store = new MemoryLoginThrottleStore(3);
    for (const key of ['a', 'b', 'c', 'd']) {
      await store.attempt([{ key, policy: { ...POLICY, freeAttempts: 1 } }], 0);
    }
    expect(store.size).toBe(3);
    // 'a' was dropped, so it may try again; 'd' is still waiting.
    expect(await store.attempt([{ key: 'a', policy: POLICY }], 0)).toBe(0);
    expect(await store.attempt([{ key: 'd', policy: POLICY }], 0)).toBe(1_000);
  });
});
