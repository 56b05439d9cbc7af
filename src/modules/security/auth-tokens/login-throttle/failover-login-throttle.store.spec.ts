import { jest } from '@jest/globals';

import { FailoverLoginThrottleStore } from './failover-login-throttle.store.js';
import type { LoginThrottleStore } from './login-throttle.store.js';
import { MemoryLoginThrottleStore } from './memory-login-throttle.store.js';

const failing: LoginThrottleStore = {
  attempt: () => Promise.reject(new Error('Redis down')),
  succeeded: () => Promise.reject(new Error('Redis down')),
};

describe(FailoverLoginThrottleStore.name, () => {
  it('keeps throttling in memory while the shared store fails, and reports each failure', async () => {
    const onFailure = jest.fn();
    const store = new FailoverLoginThrottleStore(failing, new MemoryLoginThrottleStore(), onFailure);
    const keys = [{ key: 'k', policy: { freeAttempts: 1, baseDelayMs: 1_000, maxDelayMs: 1_000, idleResetMs: 60_000 } }];
    expect(await store.attempt(keys, 0)).toBe(0);
    expect(await store.attempt(keys, 0)).toBe(1_000);
    await store.succeeded('k', 'other');
    expect(await store.attempt(keys, 0)).toBe(0);
    expect(onFailure).toHaveBeenCalledTimes(4);
  });

  it('uses the shared store while it answers', async () => {
    const primary = new MemoryLoginThrottleStore();
    const fallback = new MemoryLoginThrottleStore();
    const store = new FailoverLoginThrottleStore(primary, fallback, () => undefined);
    await store.attempt([{ key: 'k', policy: { freeAttempts: 5, baseDelayMs: 1, maxDelayMs: 1, idleResetMs: 1_000 } }], 0);
    expect(primary.size).toBe(1);
    expect(fallback.size).toBe(0);
  });
});
