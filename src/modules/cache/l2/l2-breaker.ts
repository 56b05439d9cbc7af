import { circuitBreaker, CircuitState, ConsecutiveBreaker, handleAll, type CircuitBreakerPolicy } from 'cockatiel';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface L2BreakerOptions {
  failures: number;
  halfOpenMs: number;
  /** Each call fails (and counts as a failure) past this; CACHE_L2_TIMEOUT_MS. */
  timeoutMs: number;
}

/** What the breaker reports: each call's outcome and duration, and state changes. */
export interface L2Observer {
  onCall(op: string, seconds: number, ok: boolean): void;
  onStateChange(state: BreakerState): void;
}

/**
 * Runs L2 calls behind a cockatiel circuit breaker: after `failures` consecutive errors it opens and L2 calls fail at
 * once (no waiting on a dead Redis); after `halfOpenMs` one call probes, and a success closes it again. Callers get
 * `undefined` instead of an error: a cache never fails a request.
 */
export class L2Breaker {
  private readonly policy: CircuitBreakerPolicy;

  constructor(
    private readonly options: L2BreakerOptions,
    private readonly observer: L2Observer,
  ) {
    this.policy = circuitBreaker(handleAll, { halfOpenAfter: options.halfOpenMs, breaker: new ConsecutiveBreaker(options.failures) });
    this.policy.onBreak(() => observer.onStateChange('open'));
    this.policy.onHalfOpen(() => observer.onStateChange('half-open'));
    this.policy.onReset(() => observer.onStateChange('closed'));
  }

  get state(): BreakerState {
    switch (this.policy.state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.HalfOpen:
        return 'half-open';
      case CircuitState.Open:
      case CircuitState.Isolated:
        return 'open';
    }
  }

  /**
   * The call's result, or `undefined` when it failed or the breaker refused it. `selfBounded`: the client already
   * times the call out (ioredis' commandTimeout), so no second timer is set.
   */
  async run<T>(op: string, call: () => Promise<T>, selfBounded = false): Promise<T | undefined> {
    // Always through execute, even while open: cockatiel refuses at once then, and only an attempt after
    // `halfOpenAfter` moves it to half-open.
    const started = performance.now();
    try {
      const result = await this.policy.execute(() => (selfBounded ? call() : this.bounded(call)));
      this.observer.onCall(op, (performance.now() - started) / 1000, true);
      return result;
    } catch {
      this.observer.onCall(op, (performance.now() - started) / 1000, false);
      return undefined;
    }
  }

  /** `call`, or a rejection once it took longer than the timeout; one timer, cleared on the reply. */
  private bounded<T>(call: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`L2 call took longer than ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
    });
    return Promise.race([call(), timeout]).finally(() => clearTimeout(timer));
  }
}
