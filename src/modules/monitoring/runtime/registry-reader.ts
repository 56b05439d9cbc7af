import type { MetricsRegistry } from '@app/common';

export interface MetricSeries {
  labels: Record<string, string>;
  value: number;
}

/** The plain series of a registry metric (histogram buckets, sums and counts left out); `null` when it is not registered. */
export async function seriesOfMetric(registry: MetricsRegistry, name: string): Promise<MetricSeries[] | null> {
  const metric = registry.getSingleMetric(name);
  if (metric === undefined) {
    return null;
  }
  const { values } = await metric.get();
  const series: MetricSeries[] = [];
  for (const value of values) {
    const own = value.labels as Record<string, string | number | undefined>;
    // Histograms list buckets, sums and counts under one metric: only plain series (no `le`, no suffix) count.
    if ('le' in own || ('metricName' in value && value.metricName !== undefined && value.metricName !== name)) {
      continue;
    }
    const labels: Record<string, string> = {};
    for (const [label, labelValue] of Object.entries(own)) {
      if (labelValue !== undefined) {
        labels[label] = String(labelValue);
      }
    }
    series.push({ labels, value: value.value });
  }
  return series;
}

/** Sum of a registry metric's series whose labels include `labels`; `null` when no such metric is registered. */
export async function sumOfMetric(registry: MetricsRegistry, name: string, labels: Record<string, string> = {}): Promise<number | null> {
  const series = await seriesOfMetric(registry, name);
  if (series === null) {
    return null;
  }
  const wanted = Object.entries(labels);
  return series.filter((one) => wanted.every(([label, expected]) => one.labels[label] === expected)).reduce((sum, one) => sum + one.value, 0);
}
