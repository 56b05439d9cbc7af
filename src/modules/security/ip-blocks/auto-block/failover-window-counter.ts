import type { WindowCounter } from './window-counter.js';

/** Counts in `primary` (Redis) and, while it fails, in `fallback` (this instance's memory), so counting never stops. */
export class FailoverWindowCounter implements WindowCounter {
  constructor(
    private readonly primary: WindowCounter,
    private readonly fallback: WindowCounter,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  async hit(key: string, threshold: number, nowMs: number): Promise<boolean> {
    try {
      return await this.primary.hit(key, threshold, nowMs);
    } catch (error) {
      this.onFailure(error);
      return this.fallback.hit(key, threshold, nowMs);
    }
  }
}
