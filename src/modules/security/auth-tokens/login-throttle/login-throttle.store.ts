import type { ThrottlePolicy } from './throttle-policy.js';

export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
}

/**
 * Counts login attempts per key. An attempt is counted when it starts (before the password is checked), so
 * concurrent guesses cannot all slip through before the first failure is recorded; success gives it back.
 */
export interface LoginThrottleStore {
  /**
   * When every key may try now, counts the attempt on each and answers 0; otherwise counts nothing and answers the
   * milliseconds until the longest of their waits ends.
   */
  attempt(keys: readonly ThrottleKey[], nowMs: number): Promise<number>;

  /** A successful login: forgets `reset` entirely and gives the attempt back to `refund` (lifting its wait). */
  succeeded(reset: string, refund: string): Promise<void>;
}

export const LOGIN_THROTTLE_STORE = Symbol('LoginThrottleStore');
