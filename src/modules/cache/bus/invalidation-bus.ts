import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';

import { type Invalidation, parseInvalidation } from './invalidation-message.js';

export interface InvalidationHandler {
  /** Another instance changed or dropped entries: drop them from this L1. */
  apply(invalidation: Invalidation): void;
  /** Messages may have been missed while the subscription was down: nothing in L1 can be trusted. */
  resynchronize(): void;
}

/**
 * Cross-instance L1 invalidation over Redis pub/sub, on its own subscriber connection. Publishing is best effort:
 * an unpublished message leaves other instances' L1 stale at most until their entries expire, and a subscriber that
 * reconnects after an outage drops its whole L1 because it cannot know what it missed.
 */
export class InvalidationBus {
  private readonly logger = new Logger(InvalidationBus.name);
  private subscriber: Redis | null = null;
  private wasSubscribed = false;
  published = 0;
  received = 0;
  failedPublishes = 0;

  constructor(
    private readonly publisher: Redis,
    private readonly createSubscriber: () => Redis,
    private readonly channel: string,
    readonly origin: string,
    private readonly handler: InvalidationHandler,
  ) {}

  /** Resolves once subscribed, or once that failed (the subscriber retries by itself and resynchronizes then). */
  async start(): Promise<void> {
    const subscriber = this.createSubscriber();
    this.subscriber = subscriber;
    subscriber.on('message', (channel: string, raw: string) => {
      const message = channel === this.channel ? parseInvalidation(raw) : null;
      if (message !== null && message.origin !== this.origin) {
        this.received += 1;
        this.handler.apply(message);
      }
    });
    subscriber.on('ready', () => {
      if (this.wasSubscribed) {
        // What was published while the subscriber was away is lost.
        this.handler.resynchronize();
      }
      // Every (re)connection subscribes anew (RedisConnection.duplicate turns ioredis' own re-subscribe off).
      void this.subscribe(subscriber);
    });
    await this.subscribe(subscriber);
  }

  private async subscribe(subscriber: Redis): Promise<void> {
    try {
      await subscriber.subscribe(this.channel);
      this.wasSubscribed = true;
    } catch (error) {
      this.logger.warn(`Cache invalidation channel not subscribed yet (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  publish(invalidation: Invalidation): void {
    this.publisher.publish(this.channel, JSON.stringify({ ...invalidation, origin: this.origin })).then(
      () => {
        this.published += 1;
      },
      () => {
        this.failedPublishes += 1;
      },
    );
  }

  async stop(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = null;
    // A subscriber that is down would queue the UNSUBSCRIBE until it is back: its connection closes anyway.
    if (subscriber?.status === 'ready') {
      await subscriber.unsubscribe(this.channel).catch(() => undefined);
    }
  }
}
