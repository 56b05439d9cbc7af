import { Injectable } from '@nestjs/common';

import { CdnMetrics } from '../cdn.metrics.js';
import type { ContentEncoding } from '../serving/served-asset.js';
import { CdnStatsRepository, type StoredTotals } from './cdn-stats.repository.js';

const TOP_ASSETS = 10;

export interface CdnStats {
  storage: StoredTotals;
  /** This instance since it started (Prometheus sums `bulwark_cdn_*` across instances). */
  serving: {
    requests: number;
    bytesServed: number;
    notModified: number;
    notModifiedRatio: number;
    partial: number;
    notFound: number;
    byEncoding: Record<ContentEncoding, { responses: number; bytes: number }>;
    topAssets: { assetId: string; name: string | null; requests: number; bytes: number }[];
  };
}

@Injectable()
export class CdnStatsService {
  constructor(
    private readonly metrics: CdnMetrics,
    private readonly repository: CdnStatsRepository,
  ) {}

  async stats(): Promise<CdnStats> {
    const counters = this.metrics.serving;
    const top = counters.top(TOP_ASSETS);
    const [storage, names] = await Promise.all([this.repository.totals(), this.repository.namesOf(top.map((entry) => entry.assetId))]);
    const encodings: ContentEncoding[] = ['br', 'gzip', 'identity'];
    return {
      storage,
      serving: {
        requests: counters.requests,
        bytesServed: counters.bytes,
        notModified: counters.notModified,
        notModifiedRatio: counters.requests === 0 ? 0 : counters.notModified / counters.requests,
        partial: counters.partial,
        notFound: counters.notFound,
        byEncoding: Object.fromEntries(encodings.map((encoding) => [encoding, { responses: counters.responsesByEncoding[encoding], bytes: counters.bytesByEncoding[encoding] }])) as CdnStats['serving']['byEncoding'],
        topAssets: top.map((entry) => ({ ...entry, name: names.get(entry.assetId) ?? null })),
      },
    };
  }
}
