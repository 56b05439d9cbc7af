/** How one kind of login counter turns failures into waiting. */
export interface ThrottlePolicy {
  /** Attempts allowed before any delay. */
  freeAttempts: number;
  /** Delay after the last free attempt; doubled for each attempt after it. */
  baseDelayMs: number;
  /** The delay never grows beyond this: throttling, never a lockout. */
  maxDelayMs: number;
  /** A counter with no attempt for this long is forgotten. */
  idleResetMs: number;
}

/**
 * Per account and client IP: a handful of typos are free, then 1 s, 2 s, 4 s ... up to 15 min. Only the guesser's
 * own address is slowed, so the owner logging in from elsewhere is never locked out.
 */
export const ACCOUNT_IP_POLICY: ThrottlePolicy = { freeAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 900_000, idleResetMs: 3_600_000 };

/** Per client IP (IPv6 per /64), across accounts: against one address spraying many accounts. */
export const IP_POLICY: ThrottlePolicy = { freeAttempts: 20, baseDelayMs: 1_000, maxDelayMs: 900_000, idleResetMs: 3_600_000 };

/** The wait imposed after the `attempts`-th counted attempt (0 while attempts are still free). */
export function throttleDelayMs(policy: ThrottlePolicy, attempts: number): number {
  if (attempts < policy.freeAttempts) {
    return 0;
  }
  return Math.min(policy.baseDelayMs * 2 ** (attempts - policy.freeAttempts), policy.maxDelayMs);
}
