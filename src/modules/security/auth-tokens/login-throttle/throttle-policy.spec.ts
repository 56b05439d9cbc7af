import { ACCOUNT_IP_POLICY, IP_POLICY, throttleDelayMs, type ThrottlePolicy } from './throttle-policy.js';

describe('throttleDelayMs', () => {
  const policy: ThrottlePolicy = { freeAttempts: 3, baseDelayMs: 500, maxDelayMs: 4_000, idleResetMs: 60_000 };

  it('is zero while attempts are free, then doubles from the base up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50, 5_000].map((attempts) => throttleDelayMs(policy, attempts))).toEqual([0, 0, 500, 1_000, 2_000, 4_000, 4_000, 4_000, 4_000]);
  });

  it('caps the shipped policies at 15 minutes: slow, never locked out', () => {
    expect(throttleDelayMs(ACCOUNT_IP_POLICY, 10_000)).toBe(900_000);
    expect(throttleDelayMs(IP_POLICY, 10_000)).toBe(900_000);
    expect(throttleDelayMs(ACCOUNT_IP_POLICY, ACCOUNT_IP_POLICY.freeAttempts - 1)).toBe(0);
  });
});
