import type { LoginThrottleStore, ThrottleKey } from './login-throttle.store.js';

/** The shared store while it answers; the local one while it fails (logins keep being throttled, per instance). */
export class FailoverLoginThrottleStore implements LoginThrottleStore {
  constructor(
    private readonly primary: LoginThrottleStore,
    private readonly fallback: LoginThrottleStore,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  attempt(keys: readonly ThrottleKey[], nowMs: number): Promise<number> {
    return this.primary.attempt(keys, nowMs).catch((error: unknown) => {
      this.onFailure(error);
      return this.fallback.attempt(keys, nowMs);
    });
  }

  succeeded(reset: string, refund: string): Promise<void> {
    return this.primary.succeeded(reset, refund).catch((error: unknown) => {
      this.onFailure(error);
      return this.fallback.succeeded(reset, refund);
    });
  }
}
