import type { Logger } from '@nestjs/common';

import { LazyJobWorker } from './lazy-job-worker.js';

describe('LazyJobWorker', () => {
  it('registers once however often it is started', async () => {
    let registrations = 0;
    const worker = new LazyJobWorker('gpu.tuning', () => {
      registrations += 1;
      return Promise.resolve();
    });
    await Promise.all([worker.start(), worker.start()]);
    await worker.start();
    expect(registrations).toBe(1);
  });

  it('tries again on the next start after a failed one, and logs a failed background start', async () => {
    const outcomes = [new Error('connection refused'), undefined];
    let registrations = 0;
    const worker = new LazyJobWorker('cdn.optimize', () => {
      const outcome = outcomes[registrations++];
      return outcome === undefined ? Promise.resolve() : Promise.reject(outcome);
    });
    const errors: string[] = [];
    worker.startInBackground({ error: (message: string) => errors.push(message) } as unknown as Logger);
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toEqual(['The cdn.optimize worker did not start: connection refused']);

    await expect(worker.start()).resolves.toBeUndefined();
    expect(registrations).toBe(2);
  });
});
