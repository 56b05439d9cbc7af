import { AppConfig } from '@app/config';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';

import { redactUrl } from '../logging/redact.js';
import { withTimeout } from '../resilience/with-timeout.js';
import { createRedisClient } from './redis-client.factory.js';

export type RedisState = 'not-configured' | 'connecting' | 'ready' | 'down';

/**
 * The shared Redis connection, or none when `REDIS_URL` is unset (single-instance mode). Later modules use
 * `client` for commands and `duplicate()` for subscribers; nobody else constructs clients.
 */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisConnection.name);
  readonly client: Redis | null;
  private readonly extra: Redis[] = [];
  private wasReady = false;

  constructor(private readonly config: AppConfig) {
    const url = config.redis.url;
    this.client = url === undefined ? null : createRedisClient(url, config.redis.commandTimeoutMs);
    this.client?.on('ready', () => {
      this.logger.log(`Redis ready at ${redactUrl(url!)}`);
      this.wasReady = true;
    });
    // ioredis emits an error per failed reconnect; one warning per outage is enough.
    this.client?.on('error', (error: Error) => {
      if (this.wasReady || this.client?.status === 'connecting') {
        this.logger.warn(`Redis unavailable (${error.message}); degrading until it returns`);
        this.wasReady = false;
      }
    });
  }

  get configured(): boolean {
    return this.client !== null;
  }

  get state(): RedisState {
    if (!this.client) {
      return 'not-configured';
    }
    switch (this.client.status) {
      case 'ready':
        return 'ready';
      case 'wait':
      case 'connecting':
      case 'connect':
        return this.wasReady ? 'down' : 'connecting';
      case 'reconnecting':
      case 'close':
      case 'end':
        return 'down';
    }
  }

  /** Round-trip time in ms; rejects when Redis is unconfigured, down or slower than `timeoutMs`. */
  async ping(timeoutMs = this.config.redis.commandTimeoutMs): Promise<number> {
    if (!this.client) {
      throw new Error('Redis is not configured');
    }
    const started = performance.now();
    await withTimeout(this.client.ping(), timeoutMs, () => new Error(`Redis did not answer within ${timeoutMs} ms`));
    return performance.now() - started;
  }

  /**
   * A second connection with the same settings (pub/sub needs its own); closed with this one. Unlike the shared
   * client it queues commands until it is connected, so a subscriber can SUBSCRIBE at once; the command timeout
   * still bounds each of them. It does not re-subscribe by itself after a reconnect: ioredis does that with a
   * SUBSCRIBE whose rejection nobody handles (an unhandled "Connection is closed." when the link drops again at
   * once), so subscribers subscribe again on 'ready' themselves, where they handle the outcome.
   */
  duplicate(): Redis {
    if (!this.client) {
      throw new Error('Redis is not configured');
    }
    const copy = this.client.duplicate({ enableOfflineQueue: true, autoResubscribe: false });
    this.extra.push(copy);
    return copy;
  }

  async onApplicationShutdown(): Promise<void> {
    const clients = [this.client, ...this.extra].filter((client): client is Redis => client !== null);
    await Promise.all(clients.map((client) => client.quit().catch(() => client.disconnect())));
  }
}
