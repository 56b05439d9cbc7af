import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';

import { ApiKeyRepository } from './api-key.repository.js';

const FLUSH_INTERVAL_MS = 5_000;

/** Records when keys were last used in batches: one UPDATE every few seconds, not a write per request. */
@Injectable()
export class LastUsedRecorder implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(LastUsedRecorder.name);
  private pending = new Map<string, Date>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly repository: ApiKeyRepository) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS).unref();
  }

  touch(keyId: string, at = new Date()): void {
    this.pending.set(keyId, at);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) {
      return;
    }
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.repository.touchLastUsed(batch);
    } catch (error) {
      // Last-used is advisory: keep the newest times for the next flush rather than fail anything.
      for (const [id, at] of batch) {
        if (!this.pending.has(id)) {
          this.pending.set(id, at);
        }
      }
      this.logger.warn(`last-used times not recorded yet: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
