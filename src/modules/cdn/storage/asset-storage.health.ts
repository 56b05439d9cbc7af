import { withTimeout } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';

import { ASSET_STORAGE, type AssetStorage } from './asset-storage.js';

const PING_TIMEOUT_MS = 1_000;
/** Probes come every few seconds from every orchestrator; one storage round trip per window is enough. */
const REUSE_MS = 5_000;

/**
 * The asset storage only degrades readiness: with it down, uploads and deletes answer 503 but hot assets keep being
 * served from memory, so taking the instance out of rotation would make things worse.
 */
@Injectable()
export class AssetStorageHealthIndicator {
  private last: { at: number; error: string | null } | null = null;

  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(ASSET_STORAGE) private readonly storage: AssetStorage,
  ) {}

  async check(key = 'assetStorage'): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    const now = Date.now();
    if (this.last === null || now - this.last.at > REUSE_MS) {
      this.last = { at: now, error: await this.ping() };
    }
    const kind = this.storage.kind;
    return this.last.error === null ? indicator.up({ kind }) : indicator.degraded({ kind, message: `unreachable (${this.last.error}); uploads answer 503, cached assets are served` });
  }

  private async ping(): Promise<string | null> {
    try {
      await withTimeout(this.storage.ping(), PING_TIMEOUT_MS, () => new Error(`no answer in ${PING_TIMEOUT_MS} ms`));
      return null;
    } catch (error) {
      return error instanceof Error ? error.message.slice(0, 200) : 'error';
    }
  }
}
