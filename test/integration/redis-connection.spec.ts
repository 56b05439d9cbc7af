import { RedisConnection, RedisModule } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { testConfig, testRedisUrl } from '@app/testing';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';

import { waitFor } from '../support/wait-for.js';

/** Nothing listens on port 1: connections are refused at once. */
const CLOSED_PORT_URL = 'redis://127.0.0.1:1';

const modules: TestingModule[] = [];

/** A `RedisConnection` from `RedisModule` with `env` as configuration; closed after each test. */
async function openConnection(env: Record<string, string>): Promise<RedisConnection> {
  const moduleRef = await Test.createTestingModule({ imports: [ConfigModule, RedisModule] })
    .overrideProvider(AppConfig)
    .useValue(testConfig(env))
    .compile();
  modules.push(await moduleRef.init());
  return moduleRef.get(RedisConnection);
}

async function openReady(): Promise<RedisConnection> {
  const connection = await openConnection({ REDIS_URL: testRedisUrl() });
  await waitFor(() => connection.state === 'ready', 'Redis to become ready');
  return connection;
}

afterEach(async () => {
  await Promise.all(modules.splice(0).map((moduleRef) => moduleRef.close()));
});

describe(RedisConnection.name, () => {
  describe('state', () => {
    it('becomes ready once connected to a running Redis', async () => {
      const connection = await openConnection({ REDIS_URL: testRedisUrl() });

      await waitFor(() => connection.state === 'ready', 'Redis to become ready');

      expect(connection.configured).toBe(true);
    });

    it('is not ready while Redis refuses connections', async () => {
      const connection = await openConnection({ REDIS_URL: CLOSED_PORT_URL });

      await waitFor(() => connection.client!.status === 'reconnecting', 'the first refused connection');

      expect(connection.state).not.toBe('ready');
      expect(['connecting', 'down']).toContain(connection.state);
    });

    it('is not-configured, with no client, when REDIS_URL is unset', async () => {
      const connection = await openConnection({});

      expect(connection.configured).toBe(false);
      expect(connection.client).toBeNull();
      expect(connection.state).toBe('not-configured');
    });
  });

  describe('ping', () => {
    it('resolves with a round-trip time against a running Redis', async () => {
      const connection = await openReady();

      const roundTripMs = await connection.ping();

      expect(roundTripMs).toBeGreaterThanOrEqual(0);
    });

    it('rejects instead of hanging while Redis is unreachable', async () => {
      const connection = await openConnection({ REDIS_URL: CLOSED_PORT_URL, REDIS_COMMAND_TIMEOUT_MS: '600000' });

      await expect(connection.ping(200)).rejects.toThrow();
      expect(connection.state).not.toBe('ready');
    });

    it('rejects when Redis is not configured', async () => {
      const connection = await openConnection({});

      await expect(connection.ping()).rejects.toThrow('Redis is not configured');
    });
  });

  describe('duplicate', () => {
    it('gives a second working connection that can subscribe at once, separate from the shared one', async () => {
      const connection = await openReady();
      const subscriber = connection.duplicate();
      const channel = `bulwark-it-${randomUUID()}`;

      await subscriber.subscribe(channel);
      const received = once(subscriber, 'message');
      await connection.client!.publish(channel, 'hello');

      await expect(received).resolves.toEqual([channel, 'hello']);
      // A subscribed connection may only run pub/sub commands: the shared client stays usable for the rest.
      await expect(connection.client!.ping()).resolves.toBe('PONG');
    });

    it('throws when Redis is not configured', async () => {
      const connection = await openConnection({});

      expect(() => connection.duplicate()).toThrow('Redis is not configured');
    });
  });

  describe('onApplicationShutdown', () => {
    it('quits the shared connection and every duplicate', async () => {
      const connection = await openReady();
      const copy = connection.duplicate();
      await expect(copy.ping()).resolves.toBe('PONG');

      await modules.pop()!.close();

      await waitFor(() => connection.client!.status === 'end' && copy.status === 'end', 'both connections to end');
      expect(connection.state).toBe('down');
      await expect(connection.ping()).rejects.toThrow();
    });

    it('stops reconnecting a connection that never reached Redis', async () => {
      const connection = await openConnection({ REDIS_URL: CLOSED_PORT_URL });
      await waitFor(() => connection.client!.status === 'reconnecting', 'the first refused connection');
      let attemptsAfterShutdown = 0;
      connection.client!.on('connecting', () => {
        attemptsAfterShutdown += 1;
      });

      await modules.pop()!.close();
      // Refused connections fail at once and the early reconnect delays are well under a second, so a client
      // still reconnecting would have tried again by now.
      await new Promise((resolve) => setTimeout(resolve, 1_000));

      expect(attemptsAfterShutdown).toBe(0);
      expect(connection.state).toBe('down');
    });

    it('resolves when Redis is not configured', async () => {
      const connection = await openConnection({});

      await expect(connection.onApplicationShutdown()).resolves.toBeUndefined();
    });
  });
});
