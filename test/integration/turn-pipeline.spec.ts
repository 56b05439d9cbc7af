import { createRedisClient, TurnPipeline } from '@app/common';
import { testRedisUrl } from '@app/testing';
import { jest } from '@jest/globals';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';

import { waitFor } from '../support/wait-for.js';

const clients: Redis[] = [];

async function readyClient(): Promise<Redis> {
  const redis = createRedisClient(testRedisUrl(), 2_000);
  clients.push(redis);
  await waitFor(() => redis.status === 'ready', 'Redis to become ready');
  return redis;
}

/** Counts the writes the client makes on its socket (the real socket; the writes still go out). */
function countWrites(redis: Redis): { readonly count: number } {
  const stream = (redis as unknown as { stream: { write: (...args: unknown[]) => boolean } }).stream;
  const write = jest.spyOn(stream, 'write');
  return {
    get count() {
      return write.mock.calls.length;
    },
  };
}

const key = (): string => `bulwark:test:turn:${randomUUID()}`;

afterAll(() => {
  for (const redis of clients) {
    redis.disconnect();
  }
});

describe(TurnPipeline.name, () => {
  it("sends one turn's commands in one write and gives each caller its own reply", async () => {
    const redis = await readyClient();
    const pipeline = new TurnPipeline(redis);
    const keys = Array.from({ length: 20 }, key);
    await redis.set(keys[0]!, '41');
    const writes = countWrites(redis);

    const replies = await Promise.all([pipeline.call('incr', [keys[0]!]), ...keys.slice(1).map((name, index) => pipeline.call('incrby', [name, index + 1]))]);

    expect(replies).toEqual([42, ...keys.slice(1).map((_name, index) => index + 1)]);
    expect(writes.count).toBe(1);
  });

  it('reads arguments given as a function when the pipeline goes out, not when the command is queued', async () => {
    const redis = await readyClient();
    const pipeline = new TurnPipeline(redis);
    let increment = 1;
    const reply = pipeline.call('incrby', () => [key(), increment]);
    increment = 7;

    await expect(reply).resolves.toBe(7);
  });

  it('sends commands of different turns separately, each answered', async () => {
    const redis = await readyClient();
    const pipeline = new TurnPipeline(redis);
    const name = key();
    const writes = countWrites(redis);

    const first = await pipeline.call('incr', [name]);
    await new Promise((resolve) => setImmediate(resolve));
    const second = await pipeline.call('incr', [name]);

    expect([first, second]).toEqual([1, 2]);
    expect(writes.count).toBe(2);
  });

  it('rejects only the command that failed; the others of its turn still get their replies', async () => {
    const redis = await readyClient();
    const pipeline = new TurnPipeline(redis);
    const [counter, hash] = [key(), key()];
    await redis.hset(hash, 'field', 'value');

    const results = await Promise.allSettled([
      pipeline.call('incr', [counter]),
      pipeline.call('incr', [hash]),
      pipeline.call('evalsha', ['0'.repeat(40), 0]),
      pipeline.call('incr', [counter]),
    ]);

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 1 });
    expect(results[3]).toEqual({ status: 'fulfilled', value: 2 });
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/WRONGTYPE/);
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/NOSCRIPT/);
  });

  it('rejects every command of a turn when the connection is gone, and serves again once it is back', async () => {
    const redis = await readyClient();
    const pipeline = new TurnPipeline(redis);
    const reconnected = once(redis, 'ready');
    redis.disconnect(true);

    const results = await Promise.allSettled([pipeline.call('ping', []), pipeline.call('ping', [])]);

    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    await reconnected;
    await expect(Promise.all([pipeline.call('ping', []), pipeline.call('ping', [])])).resolves.toEqual(['PONG', 'PONG']);
  });
});
