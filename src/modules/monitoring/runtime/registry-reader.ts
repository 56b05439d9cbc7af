import type { MetricsRegistry } from '@app/common';

/** Sum of a registry metric's series whose labels include `labels`; `null` when no such metric is registered. */
export async function sumOfMetric(registry: MetricsRegistry, name: string, labels: Record<string, string> = {}): Promise<number | null> {
  const metric = registry.getSingleMetric(name);
  if (metric === undefined) {
    return null;
  }
  const { values } = await metric.get();
  const wanted = Object.entries(labels);
  let sum = 0;
  for (const value of values) {
    const own = value.labels as Record<string, string | number | undefined>;
    // Histograms list buckets, sums and counts under one metric: only plain series (no `le`, no suffix) add up.
    if ('le' in own || ('metricName' in value && value.metricName !== undefined && value.metricName !== name)) {
      continue;
    }
    if (wanted.every(([label, expected]) => String(own[label]) === expected)) {
      sum += value.value;
    }
  }
  return sum;
}
