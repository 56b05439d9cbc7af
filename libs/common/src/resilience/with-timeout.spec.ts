import { jest } from '@jest/globals';

import { withTimeout } from './with-timeout.js';

class TimedOut extends Error {}

describe('withTimeout', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('resolves with the work’s value when it finishes in time', async () => {
    await expect(withTimeout(Promise.resolve(42), 1_000, () => new TimedOut())).resolves.toBe(42);
  });

  it('rejects with the work’s own error when it fails in time', async () => {
    const failure = new Error('refused');

    await expect(withTimeout(Promise.reject(failure), 1_000, () => new TimedOut())).rejects.toBe(failure);
  });

  it('rejects with onTimeout() once the time is up', async () => {
    jest.useFakeTimers();
    const onTimeout = jest.fn(() => new TimedOut('too slow'));
    const result = withTimeout(new Promise<never>(() => undefined), 500, onTimeout);

    jest.advanceTimersByTime(499);
    expect(onTimeout).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);

    await expect(result).rejects.toThrow(new TimedOut('too slow'));
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });

  it('clears its timer when the work finishes first', async () => {
    jest.useFakeTimers();
    const onTimeout = jest.fn(() => new TimedOut());

    await withTimeout(Promise.resolve('done'), 500, onTimeout);

    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(1_000);
    expect(onTimeout).not.toHaveBeenCalled();
  });

  it('clears its timer when the work fails first', async () => {
    jest.useFakeTimers();

    await expect(withTimeout(Promise.reject(new Error('x')), 500, () => new TimedOut())).rejects.toThrow('x');

    expect(jest.getTimerCount()).toBe(0);
  });

  it('does not keep the process alive with its timer', async () => {
    const setTimeoutSpy = jest.spyOn(globalThis, 'setTimeout');
    try {
      await withTimeout(Promise.resolve(1), 60_000, () => new TimedOut());

      const timer = setTimeoutSpy.mock.results.at(-1)?.value as NodeJS.Timeout;
      expect(timer.hasRef()).toBe(false);
    } finally {
      setTimeoutSpy.mockRestore();
    }
  });
});
