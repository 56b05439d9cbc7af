/**
 * At most one call of a loader per key at a time in this process: callers that arrive while it runs share its
 * promise (the in-process half of stampede protection; the Redis lock is the cross-instance half).
 */
export class SingleFlight {
  private readonly running = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const current = this.running.get(key);
    if (current !== undefined) {
      return current as Promise<T>;
    }
    const flight = work().finally(() => {
      this.running.delete(key);
    });
    this.running.set(key, flight);
    return flight;
  }

  get inFlight(): number {
    return this.running.size;
  }
}
