import type { ContentEncoding, ServedResponse, ServeObserver } from '../serving/served-asset.js';

/** Assets tracked for the top list; beyond it, new assets are counted in the totals only. */
const MAX_TRACKED_ASSETS = 10_000;

export interface AssetTraffic {
  requests: number;
  bytes: number;
}

/**
 * What this instance has served since it started, kept as plain integers: the serving path bumps them per response
 * (no label lookups, no allocation), and metrics and /v1/cdn/stats read them when asked.
 */
export class ServeCounters implements ServeObserver {
  requests = 0;
  notModified = 0;
  partial = 0;
  notFound = 0;
  errors = 0;
  bytes = 0;
  readonly bytesByEncoding: Record<ContentEncoding, number> = { br: 0, gzip: 0, identity: 0 };
  readonly responsesByEncoding: Record<ContentEncoding, number> = { br: 0, gzip: 0, identity: 0 };
  readonly byAsset = new Map<string, AssetTraffic>();

  onServed(response: ServedResponse): void {
    this.requests += 1;
    this.bytes += response.bytes;
    const status = response.status;
    if (status === 304) {
      this.notModified += 1;
    } else if (status === 206) {
      this.partial += 1;
    } else if (status === 404) {
      this.notFound += 1;
    } else if (status >= 500) {
      this.errors += 1;
    }
    if (response.encoding !== null) {
      this.bytesByEncoding[response.encoding] += response.bytes;
      this.responsesByEncoding[response.encoding] += 1;
    }
    if (response.assetId !== null) {
      this.countAsset(response.assetId, response.bytes);
    }
  }

  top(limit: number): { assetId: string; requests: number; bytes: number }[] {
    return [...this.byAsset]
      .map(([assetId, traffic]) => ({ assetId, ...traffic }))
      .sort((a, b) => b.bytes - a.bytes || b.requests - a.requests)
      .slice(0, limit);
  }

  private countAsset(assetId: string, bytes: number): void {
    const traffic = this.byAsset.get(assetId);
    if (traffic !== undefined) {
      traffic.requests += 1;
      traffic.bytes += bytes;
    } else if (this.byAsset.size < MAX_TRACKED_ASSETS) {
      this.byAsset.set(assetId, { requests: 1, bytes });
    }
  }
}
