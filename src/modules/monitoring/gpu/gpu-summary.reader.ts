import { MetricsRegistry } from '@app/common';
import { Injectable } from '@nestjs/common';

import { aggregate } from '../signals/aggregate.util.js';
import { seriesOfMetric, type MetricSeries } from '../runtime/registry-reader.js';
import { GPU_SUMMARY_DEVICES, type GpuDeviceSummary, type GpuSummary } from './gpu-summary.js';

type Reading = 'utilisation' | 'memoryUsedBytes' | 'powerWatts' | 'temperatureCelsius';

// The GPU module publishes its latest per-device readings as gauges; reading them here keeps monitoring free of any
// import from it (and costs no query), the same way the cache hit ratio and the pool figures are read.
const GAUGES: Record<Reading, string> = {
  utilisation: 'bulwark_gpu_utilization_ratio',
  memoryUsedBytes: 'bulwark_gpu_memory_used_bytes',
  powerWatts: 'bulwark_gpu_power_watts',
  temperatureCelsius: 'bulwark_gpu_temperature_celsius',
};

/** Builds the summary's GPU section; null where no device has reported (no GPU module, or no GPUs). */
@Injectable()
export class GpuSummaryReader {
  constructor(private readonly registry: MetricsRegistry) {}

  async read(): Promise<GpuSummary | null> {
    const readings = Object.keys(GAUGES) as Reading[];
    const [series, recommendations] = await Promise.all([
      Promise.all(readings.map((reading) => seriesOfMetric(this.registry, GAUGES[reading]))),
      seriesOfMetric(this.registry, 'bulwark_gpu_recommendations_open'),
    ]);
    const devices = new Map<string, GpuDeviceSummary>();
    readings.forEach((reading, index) => {
      for (const one of series[index] ?? []) {
        deviceOf(devices, one)[reading] = one.value;
      }
    });
    if (devices.size === 0) {
      return null;
    }
    return summarise([...devices.values()], recommendations);
  }
}

function deviceOf(devices: Map<string, GpuDeviceSummary>, series: MetricSeries): GpuDeviceSummary {
  const uuid = series.labels.uuid ?? 'unknown';
  let device = devices.get(uuid);
  if (device === undefined) {
    device = { uuid, model: series.labels.model ?? 'unknown', host: series.labels.host ?? 'unknown', utilisation: null, memoryUsedBytes: null, powerWatts: null, temperatureCelsius: null };
    devices.set(uuid, device);
  }
  return device;
}

function summarise(devices: GpuDeviceSummary[], recommendations: MetricSeries[] | null): GpuSummary {
  const present = (reading: Reading): number[] => devices.map((device) => device[reading]).filter((value): value is number => value !== null);
  const total = (reading: Reading): number | null => {
    const values = present(reading);
    return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0);
  };
  const busiest = [...devices].sort((a, b) => (b.utilisation ?? -1) - (a.utilisation ?? -1) || a.uuid.localeCompare(b.uuid));
  return {
    devices: devices.length,
    utilisationMean: aggregate(present('utilisation'), 'mean'),
    utilisationMax: aggregate(present('utilisation'), 'max'),
    memoryUsedBytes: total('memoryUsedBytes'),
    powerWatts: total('powerWatts'),
    temperatureMaxCelsius: aggregate(present('temperatureCelsius'), 'max'),
    openRecommendations: recommendations === null ? null : recommendations.reduce((sum, one) => sum + one.value, 0),
    busiest: busiest.slice(0, GPU_SUMMARY_DEVICES),
    devicesOmitted: Math.max(0, devices.length - GPU_SUMMARY_DEVICES),
  };
}
