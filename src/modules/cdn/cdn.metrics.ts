import { MetricsRegistry } from '@app/common';
import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';

import type { EdgeName } from './edges/edge-purger.js';
import { ServeCounters } from './stats/serve-counters.js';

/** `bulwark_cdn_*`: serving counts are read from ServeCounters at scrape time; rarer events count directly. */
@Injectable()
export class CdnMetrics {
  readonly serving = new ServeCounters();
  private readonly purgeCalls: Counter<'edge' | 'result'>;
  private readonly uploads: Counter<'result'>;
  private readonly uploadedBytes: Counter;

  constructor(registry: MetricsRegistry) {
    const serving = this.serving;
    let seen: Record<string, number> = {};
    new Counter({
      name: 'bulwark_cdn_responses_total',
      help: 'Responses of the /cdn/* serving path by status class and content encoding.',
      labelNames: ['status', 'encoding'],
      registers: [registry],
      collect() {
        const now: Record<string, number> = {
          '304 none': serving.notModified,
          '206 none': serving.partial,
          '404 none': serving.notFound,
          '5xx none': serving.errors,
          '200 br': serving.responsesByEncoding.br,
          '200 gzip': serving.responsesByEncoding.gzip,
          '200 identity': serving.responsesByEncoding.identity,
        };
        for (const [labels, value] of Object.entries(now)) {
          const [status = '', encoding = ''] = labels.split(' ');
          this.inc({ status, encoding }, value - (seen[labels] ?? 0));
        }
        seen = now;
      },
    });
    let sentBytes: Record<string, number> = {};
    new Counter({
      name: 'bulwark_cdn_served_bytes_total',
      help: 'Body bytes sent by the /cdn/* serving path, by content encoding.',
      labelNames: ['encoding'],
      registers: [registry],
      collect() {
        const now = { ...serving.bytesByEncoding };
        for (const [encoding, value] of Object.entries(now)) {
          this.inc({ encoding }, value - (sentBytes[encoding] ?? 0));
        }
        sentBytes = now;
      },
    });
    this.purgeCalls = new Counter({
      name: 'bulwark_cdn_edge_purge_calls_total',
      help: 'Purge API calls to edge caches by edge and result (ok, rate_limited, error): the budget Cloudflare and CloudFront meter.',
      labelNames: ['edge', 'result'],
      registers: [registry],
    });
    this.uploads = new Counter({
      name: 'bulwark_cdn_uploads_total',
      help: 'Uploaded files by result: created, existing (same name and content), rejected.',
      labelNames: ['result'],
      registers: [registry],
    });
    this.uploadedBytes = new Counter({ name: 'bulwark_cdn_uploaded_bytes_total', help: 'Bytes of accepted uploaded files.', registers: [registry] });
  }

  edgePurgeCall(edge: EdgeName, result: 'ok' | 'rate_limited' | 'error'): void {
    this.purgeCalls.inc({ edge, result });
  }

  uploaded(result: 'created' | 'existing' | 'rejected', bytes: number): void {
    this.uploads.inc({ result });
    if (result !== 'rejected') {
      this.uploadedBytes.inc(bytes);
    }
  }
}
