import { createRetryPolicy } from './retry.js';

class Transient extends Error {}
class Permanent extends Error {}

const isRetryable = (error: unknown): boolean => error instanceof Transient;

/** A task that fails with each of `failures` in turn, then returns 'ok'; counts its calls. */
function flaky(failures: Error[]): { run: () => Promise<string>; calls: () => number } {
  let calls = 0;
  return {
    run: () => {
      const failure = failures[calls];
      calls += 1;
      return failure ? Promise.reject(failure) : Promise.resolve('ok');
    },
    calls: () => calls,
  };
}

describe('createRetryPolicy', () => {
  it('retries a retryable error until the work succeeds', async () => {
    const task = flaky([new Transient('1'), new Transient('2')]);
    const policy = createRetryPolicy({ retries: 3, initialDelayMs: 1, maxDelayMs: 2, isRetryable });

    await expect(policy.execute(task.run)).resolves.toBe('ok');
    expect(task.calls()).toBe(3);
  });

  it('gives up after `retries` retries with the last error', async () => {
    const last = new Transient('last');
    const task = flaky([new Transient('1'), new Transient('2'), last, new Transient('never reached')]);
    const policy = createRetryPolicy({ retries: 2, initialDelayMs: 1, maxDelayMs: 2, isRetryable });

    await expect(policy.execute(task.run)).rejects.toBe(last);
    expect(task.calls()).toBe(3);
  });

  it('does not retry an error it is not told to retry', async () => {
    const permanent = new Permanent('bad statement');
    const task = flaky([permanent]);
    const policy = createRetryPolicy({ retries: 5, initialDelayMs: 1, maxDelayMs: 2, isRetryable });

    await expect(policy.execute(task.run)).rejects.toBe(permanent);
    expect(task.calls()).toBe(1);
  });

  it('stops retrying at the first error that is not retryable', async () => {
    const permanent = new Permanent('bad statement');
    const task = flaky([new Transient('1'), permanent]);
    const policy = createRetryPolicy({ retries: 5, initialDelayMs: 1, maxDelayMs: 2, isRetryable });

    await expect(policy.execute(task.run)).rejects.toBe(permanent);
    expect(task.calls()).toBe(2);
  });

  it('makes a single attempt with zero retries', async () => {
    const task = flaky([new Transient('1')]);
    const policy = createRetryPolicy({ retries: 0, isRetryable });

    await expect(policy.execute(task.run)).rejects.toBeInstanceOf(Transient);
    expect(task.calls()).toBe(1);
  });

  it('reports each retry with its attempt number, delay and error', async () => {
    const first = new Transient('1');
    const second = new Transient('2');
    const seen: { attempt: number; delayMs: number; error: unknown }[] = [];
    const policy = createRetryPolicy({
      retries: 3,
      initialDelayMs: 1,
      maxDelayMs: 5,
      isRetryable,
      onRetry: (attempt, delayMs, error) => seen.push({ attempt, delayMs, error }),
    });

    await policy.execute(flaky([first, second]).run);

    expect(seen.map(({ attempt, error }) => ({ attempt, error }))).toEqual([
      { attempt: 1, error: first },
      { attempt: 2, error: second },
    ]);
    for (const { delayMs } of seen) {
      expect(delayMs).toBeGreaterThanOrEqual(0);
      expect(delayMs).toBeLessThanOrEqual(5);
    }
  });
});
