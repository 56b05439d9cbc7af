import { RedisConnection } from '@app/common';
import { AppConfig } from '@app/config';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';

import { Clock } from './clock.js';
import { IpBlockList } from './ip-block-list.service.js';
import { IP_BLOCKS_CHANNEL } from './ip-blocks.constants.js';
import { IpBlocksMetrics } from './ip-blocks.metrics.js';
import { IpBlockRepository } from './repositories/ip-block.repository.js';

/** What travels over Redis: only ids, so a receiver reads the block from its own database (never trusts the wire). */
export interface IpBlockChangeMessage {
  id: string;
  change: 'added' | 'removed';
  origin: string;
}

function parseMessage(raw: string): IpBlockChangeMessage | null {
  try {
    const value = JSON.parse(raw) as Partial<IpBlockChangeMessage>;
    const valid = typeof value.id === 'string' && typeof value.origin === 'string' && (value.change === 'added' || value.change === 'removed');
    return valid ? (value as IpBlockChangeMessage) : null;
  } catch {
    return null;
  }
}

/**
 * Keeps this instance's block list in step with the table and with other instances: a full reload at startup and
 * every `IP_BLOCK_REFRESH_MS` (which also drops expired blocks and repairs anything a missed message left out), and
 * a Redis pub/sub message per change in between. Without Redis there are no other instances to tell.
 */
@Injectable()
export class IpBlockSyncService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IpBlockSyncService.name);
  private readonly origin = randomUUID();
  private subscriber: Redis | null = null;
  private timer: NodeJS.Timeout | undefined;
  private reloading: Promise<void> | null = null;
  /** Messages are applied one at a time, in order: a removal must not overtake the lookup of its own addition. */
  private received: Promise<void> = Promise.resolve();

  constructor(
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly list: IpBlockList,
    private readonly metrics: IpBlocksMetrics,
    private readonly redis: RedisConnection,
    private readonly repository: IpBlockRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all([this.subscribe(), this.reload()]);
    this.timer = setInterval(() => void this.reload(), this.config.ipBlocking.refreshMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    const subscriber = this.subscriber;
    this.subscriber = null;
    await subscriber?.unsubscribe(IP_BLOCKS_CHANNEL).catch(() => undefined);
  }

  /** Reloads the whole list from PostgreSQL; concurrent calls share one reload. Never throws. */
  reload(): Promise<void> {
    this.reloading ??= this.list
      .reload(() => this.repository.listActive(new Date(this.clock.now())))
      .catch((error: unknown) => {
        this.metrics.syncFailed('reload');
        this.logger.error(`IP block list reload failed, keeping the current list: ${String(error)}`);
      })
      .finally(() => {
        this.reloading = null;
      });
    return this.reloading;
  }

  /** Tells the other instances about a change this one has already applied. */
  async publish(id: string, change: IpBlockChangeMessage['change']): Promise<void> {
    const client = this.redis.client;
    if (!client) {
      return;
    }
    const message: IpBlockChangeMessage = { id, change, origin: this.origin };
    try {
      await client.publish(IP_BLOCKS_CHANNEL, JSON.stringify(message));
    } catch (error) {
      this.metrics.syncFailed('publish');
      this.logger.warn(`Could not publish IP block change ${change} ${id} (the periodic reload will carry it): ${String(error)}`);
    }
  }

  /**
   * Resolves once subscribed, or once that failed (fast: the subscriber retries once). Each time the subscriber
   * (re)connects it subscribes again and reloads, since messages sent while it was away are lost.
   */
  private async subscribe(): Promise<void> {
    if (!this.redis.configured) {
      return;
    }
    const subscriber = this.redis.duplicate();
    this.subscriber = subscriber;
    subscriber.on('message', (channel: string, raw: string) => {
      if (channel === IP_BLOCKS_CHANNEL) {
        this.received = this.received.then(() => this.receive(raw));
      }
    });
    subscriber.on('ready', () => {
      if (this.subscriber !== subscriber) {
        return;
      }
      // Every (re)connection subscribes anew (RedisConnection.duplicate turns ioredis' own re-subscribe off).
      void this.subscribeOn(subscriber);
      void this.reload();
    });
    await this.subscribeOn(subscriber);
  }

  private async subscribeOn(subscriber: Redis): Promise<void> {
    try {
      await subscriber.subscribe(IP_BLOCKS_CHANNEL);
    } catch (error) {
      this.metrics.syncFailed('apply');
      this.logger.warn(`Could not subscribe to IP block changes (periodic reloads still sync): ${String(error)}`);
    }
  }

  private async receive(raw: string): Promise<void> {
    const message = parseMessage(raw);
    if (message === null || message.origin === this.origin) {
      return;
    }
    if (message.change === 'removed') {
      this.list.remove(message.id);
      return;
    }
    try {
      const block = await this.repository.findActiveById(message.id, new Date(this.clock.now()));
      if (block) {
        this.list.add(block);
      }
    } catch (error) {
      this.metrics.syncFailed('apply');
      this.logger.warn(`Could not load IP block ${message.id} announced by another instance: ${String(error)}`);
    }
  }
}
