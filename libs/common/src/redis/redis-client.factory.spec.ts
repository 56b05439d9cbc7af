import { createRedisClient, reconnectDelay } from './redis-client.factory.js';

describe('reconnectDelay', () => {
  it('is at least 50 ms even with the smallest jitter', () => {
    for (let attempt = 0; attempt <= 30; attempt += 1) {
      expect(reconnectDelay(attempt, () => 0)).toBe(50);
    }
  });

  it('never exceeds 5000 ms, however many attempts', () => {
    for (const attempt of [7, 8, 16, 17, 100, 10_000]) {
      expect(reconnectDelay(attempt, () => 0.999_999)).toBe(5_000);
    }
  });

  it('doubles its ceiling with each attempt until the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((attempt) => reconnectDelay(attempt, () => 1));

    expect(delays).toEqual([100, 200, 400, 800, 1_600, 3_200, 5_000]);
  });

  it('grows with attempts for the same jitter', () => {
    const delays = Array.from({ length: 12 }, (_, attempt) => reconnectDelay(attempt, () => 0.6));

    for (let index = 1; index < delays.length; index += 1) {
      expect(delays[index]!).toBeGreaterThanOrEqual(delays[index - 1]!);
    }
    expect(delays.at(-1)!).toBeGreaterThan(delays[0]!);
  });

  it('scales the ceiling by the random jitter', () => {
    expect(reconnectDelay(5, () => 0.5)).toBe(800);
    expect(reconnectDelay(5, () => 0.25)).toBe(400);
  });

  it('stays within bounds with the default random source', () => {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const delay = reconnectDelay(attempt);
      expect(delay).toBeGreaterThanOrEqual(50);
      expect(delay).toBeLessThanOrEqual(5_000);
      expect(Number.isInteger(delay)).toBe(true);
    }
  });
});

describe('createRedisClient', () => {
  // lazyConnect: the client is only configured, never connected.
  it('fails commands fast while disconnected and retries the connection with reconnectDelay', () => {
    const client = createRedisClient('redis://127.0.0.1:1/3', 250, { lazyConnect: true });
    try {
      expect(client.status).toBe('wait');
      expect(client.options).toMatchObject({
        connectionName: 'bulwark',
        commandTimeout: 250,
        connectTimeout: 2_000,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        db: 3,
      });
      const delay = client.options.retryStrategy?.(3);
      expect(delay).toBeGreaterThanOrEqual(50);
      expect(delay).toBeLessThanOrEqual(400);
    } finally {
      client.disconnect();
    }
  });

  it('waits at least as long as the command timeout to connect', () => {
    const client = createRedisClient('redis://127.0.0.1:1', 3_000, { lazyConnect: true });
    try {
      expect(client.options.connectTimeout).toBe(3_000);
    } finally {
      client.disconnect();
    }
  });

  it('lets overrides win', () => {
    const client = createRedisClient('redis://127.0.0.1:1', 250, { lazyConnect: true, maxRetriesPerRequest: null, connectionName: 'sub' });
    try {
      expect(client.options.maxRetriesPerRequest).toBeNull();
      expect(client.options.connectionName).toBe('sub');
    } finally {
      client.disconnect();
    }
  });
});
