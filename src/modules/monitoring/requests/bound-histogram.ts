import type { Metric, Registry } from 'prom-client';

type Labels = Readonly<Record<string, string>>;

/** One label set's observations: per-bucket counts (not cumulative), their sum and count. */
export class HistogramSeries {
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(
    readonly labels: Labels,
    private readonly upperBounds: readonly number[],
  ) {
    this.counts = new Float64Array(upperBounds.length);
  }

  observe(value: number): void {
    const bounds = this.upperBounds;
    let index = 0;
    while (index < bounds.length && value > bounds[index]!) {
      index++;
    }
    if (index < bounds.length) {
      this.counts[index]! += 1;
    }
    this.sum += value;
    this.count += 1;
  }
}

/** As prom-client's Histogram takes them. */
export interface BoundHistogramConfiguration {
  readonly name: string;
  readonly help: string;
  readonly buckets: readonly number[];
  readonly registers: readonly Registry[];
}

interface Sample {
  readonly metricName: string;
  readonly labels: Readonly<Record<string, string | number>>;
  readonly sharedLabels: Labels;
  readonly value: number;
}

/**
 * A Prometheus histogram whose label sets are bound once (`series(labels)`): an observation is a bucket search and
 * three additions. Why not prom-client's Histogram: even through `labels()` it converts, validates and hashes the
 * label object on every observation, ~2 µs of every request for the HTTP metrics. It registers in a prom-client
 * registry, which formats it exactly as it formats its own histograms (same sample names, labels and order).
 */
export class BoundHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly name: string;
  readonly help: string;
  private readonly series = new Map<string, HistogramSeries>();
  private readonly upperBounds: readonly number[];

  constructor({ name, help, buckets, registers }: BoundHistogramConfiguration) {
    this.name = name;
    this.help = help;
    this.upperBounds = [...buckets].sort((a, b) => a - b);
    for (const registry of registers) {
      registry.registerMetric(this as unknown as Metric);
    }
  }

  /** The series of `labels`, made on first use; callers keep it and observe into it. */
  seriesOf(labels: Labels): HistogramSeries {
    const key = JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
    let series = this.series.get(key);
    if (series === undefined) {
      series = new HistogramSeries({ ...labels }, this.upperBounds);
      this.series.set(key, series);
    }
    return series;
  }

  /** What prom-client's registry formats: `_bucket` (cumulative, `le`), `_sum` and `_count` per label set. */
  getForPromString(): { name: string; help: string; type: string; aggregator: string; values: Sample[] } {
    const values: Sample[] = [];
    for (const series of this.series.values()) {
      let cumulative = 0;
      this.upperBounds.forEach((bound, index) => {
        cumulative += series.counts[index]!;
        values.push({ metricName: `${this.name}_bucket`, labels: { le: bound }, sharedLabels: series.labels, value: cumulative });
      });
      values.push(
        { metricName: `${this.name}_bucket`, labels: { le: '+Inf' }, sharedLabels: series.labels, value: series.count },
        { metricName: `${this.name}_sum`, labels: {}, sharedLabels: series.labels, value: series.sum },
        { metricName: `${this.name}_count`, labels: {}, sharedLabels: series.labels, value: series.count },
      );
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  /**
   * The same samples with each series' labels merged in, as prom-client's `get()` returns them (JSON export; buckets
   * carry an empty exemplar there).
   */
  get(): Promise<{ name: string; help: string; type: string; aggregator: string; values: Array<Omit<Sample, 'sharedLabels'> & { exemplar?: null }> }> {
    const metric = this.getForPromString();
    const values = metric.values.map(({ metricName, labels, sharedLabels, value }) => ({
      metricName,
      labels: { ...sharedLabels, ...labels },
      value,
      ...('le' in labels && { exemplar: null }),
    }));
    return Promise.resolve({ ...metric, values });
  }

  /** Zeroes every series in place: their holders keep observing into them. */
  reset(): void {
    for (const series of this.series.values()) {
      series.counts.fill(0);
      series.sum = 0;
      series.count = 0;
    }
  }
}
