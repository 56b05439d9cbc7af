import { RedisConnection } from '@app/common';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';

import type { ApiKeyEntity } from './api-key.entity.js';

const CHANNEL = 'bulwark:api-keys:invalidate';
/** Backstop for an invalidation message missed while Redis was away; pub/sub makes revocation take effect at once. */
const TTL_MS = 10_000;
const MAX_ENTRIES = 50_000;

interface Entry {
  key: ApiKeyEntity | null;
  storedAt: number;
}

/**
 * Per-instance cache of key records by public id (misses cached too, so a flood of one unknown id costs one
 * query per TTL). Revocation and rotation evict the entry here and, over Redis pub/sub, on every instance.
 */
@Injectable()
export class ApiKeyCache implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ApiKeyCache.name);
  private readonly entries = new Map<string, Entry>();
  private subscriber?: Redis;

  constructor(private readonly redis: RedisConnection) {}

  async onModuleInit(): Promise<void> {
    if (!this.redis.configured) {
      return;
    }
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('message', (_channel: string, publicId: string) => this.entries.delete(publicId));
    // Whatever happened while disconnected is unknown: start clean once back.
    this.subscriber.on('ready', () => this.entries.clear());
    await this.subscriber.subscribe(CHANNEL).catch((error: unknown) => this.logger.warn(`cannot subscribe to key invalidations: ${String(error)}`));
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscriber?.unsubscribe(CHANNEL).catch(() => undefined);
  }

  /** The cached record (null: known not to exist), or undefined when not cached. */
  get(publicId: string): ApiKeyEntity | null | undefined {
    const entry = this.entries.get(publicId);
    if (!entry || Date.now() - entry.storedAt > TTL_MS) {
      return undefined;
    }
    return entry.key;
  }

  set(publicId: string, key: ApiKeyEntity | null): void {
    if (this.entries.size >= MAX_ENTRIES) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(publicId, { key, storedAt: Date.now() });
  }

  /** Evicts the key here and on every other instance. */
  async invalidate(publicId: string): Promise<void> {
    this.entries.delete(publicId);
    await this.redis.client?.publish(CHANNEL, publicId).catch((error: unknown) => this.logger.warn(`key invalidation not broadcast: ${String(error)}`));
  }
}
