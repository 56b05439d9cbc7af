import { getOrCreate, MetricsRegistry } from '@app/common';
import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';

import { BoundHistogram, type HistogramSeries } from './bound-histogram.js';
import { HdrRequestStats } from './hdr-request-stats.js';

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Label = 'method' | 'route' | 'status';

interface Children {
  readonly labels: Record<Label, string>;
  /** Requests finished since the counter last collected them (at the last scrape). */
  uncounted: number;
  readonly duration: HistogramSeries;
}

type ByStatus = Map<number, Children>;
const newByMethod = (): Map<string, ByStatus> => new Map();
const newByStatus = (): ByStatus => new Map();

/** HTTP RED metrics per route template, in Prometheus form and in the in-process percentile windows. */
@Injectable()
export class HttpMetrics {
  /** Requests received and not yet answered; a plain number read at scrape time (a gauge call per request costs more). */
  inFlight = 0;
  private readonly requests: Counter<Label>;
  private readonly duration: BoundHistogram;
  // prom-client hashes the label object on every call; lookups in maps of ready children (route, method, status) are
  // cheaper, and need no key string built per request. Counts are added up here and handed to the counter when it is
  // collected (at each scrape); durations go to series of a BoundHistogram.
  private readonly children = new Map<string, Map<string, ByStatus>>();
  private readonly allChildren: Children[] = [];

  constructor(
    registry: MetricsRegistry,
    private readonly stats: HdrRequestStats,
  ) {
    const allChildren = this.allChildren;
    const requests: Counter<Label> = new Counter({
      name: 'bulwark_http_requests_total',
      help: 'Finished HTTP requests by method, route template and status (499: the client went away first).',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
      collect: (): void => {
        for (const children of allChildren) {
          if (children.uncounted > 0) {
            requests.inc(children.labels, children.uncounted);
            children.uncounted = 0;
          }
        }
      },
    });
    this.requests = requests;
    this.duration = new BoundHistogram({
      name: 'bulwark_http_request_duration_seconds',
      help: 'Time from a request arriving to its response finishing, by method, route template and status.',
      buckets: BUCKETS,
      registers: [registry],
    });
    const inFlight: Gauge = new Gauge({
      name: 'bulwark_http_requests_in_flight',
      help: 'Requests received and not yet answered.',
      registers: [registry],
      collect: (): void => inFlight.set(this.inFlight),
    });
  }

  record(method: string, route: string, status: number, seconds: number): void {
    const byStatus = getOrCreate(getOrCreate(this.children, route, newByMethod), method, newByStatus);
    let children = byStatus.get(status);
    if (children === undefined) {
      const labels = { method, route, status: String(status) };
      children = { labels, uncounted: 0, duration: this.duration.seriesOf(labels) };
      byStatus.set(status, children);
      this.allChildren.push(children);
    }
    children.uncounted += 1;
    children.duration.observe(seconds);
    this.stats.record(method, route, status, seconds);
  }

  /** Counts a request whose duration is not a latency (a live stream lasts as long as its viewer watches). */
  count(method: string, route: string, status: number): void {
    this.requests.labels({ method, route, status: String(status) }).inc();
  }
}
