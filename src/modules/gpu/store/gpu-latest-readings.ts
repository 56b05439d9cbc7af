import { MetricsRegistry } from '@app/common';
import { Gauge } from 'prom-client';

import type { GpuDeviceInfo, GpuSample } from '../telemetry/gpu-telemetry.types.js';

/** One series per device; far above any real fleet, it only bounds a flood of made-up uuids. */
const MAX_DEVICES = 2_000;

type Labels = 'uuid' | 'model' | 'host';

interface Reading {
  sample: GpuSample;
  model: string;
}

/**
 * The newest sample of each device this instance stored or received, exported as gauges at scrape time. Kept in
 * memory (not read from PostgreSQL) so a scrape costs no query; a device appears once it reported here.
 */
export class GpuLatestReadings {
  private readonly latest = new Map<string, Reading>();
  private readonly models = new Map<string, string>();

  constructor(registry: MetricsRegistry) {
    this.gauge(registry, 'bulwark_gpu_utilization_ratio', 'GPU utilisation (0–1) in the latest sample.', (s) => s.utilizationRatio);
    this.gauge(registry, 'bulwark_gpu_memory_used_bytes', 'GPU memory in use in the latest sample.', (s) => s.memoryUsedBytes);
    this.gauge(registry, 'bulwark_gpu_power_watts', 'GPU power draw in the latest sample.', (s) => s.powerWatts);
    this.gauge(registry, 'bulwark_gpu_temperature_celsius', 'GPU temperature in the latest sample.', (s) => s.temperatureCelsius);
    this.gauge(registry, 'bulwark_gpu_sm_clock_hertz', 'GPU SM clock in the latest sample.', (s) => (s.smClockMhz === null ? null : s.smClockMhz * 1e6));
  }

  observe(devices: readonly GpuDeviceInfo[], samples: readonly GpuSample[]): void {
    for (const device of devices) {
      this.models.set(device.uuid, device.name);
      const reading = this.latest.get(device.uuid);
      if (reading) {
        reading.model = device.name;
      }
    }
    for (const sample of samples) {
      const current = this.latest.get(sample.uuid);
      if (current !== undefined && Date.parse(current.sample.sampledAt) >= Date.parse(sample.sampledAt)) {
        continue;
      }
      if (current === undefined && this.latest.size >= MAX_DEVICES) {
        continue;
      }
      this.latest.set(sample.uuid, { sample, model: this.models.get(sample.uuid) ?? 'unknown' });
    }
    if (this.models.size > MAX_DEVICES * 2) {
      this.models.clear();
    }
  }

  private gauge(registry: MetricsRegistry, name: string, help: string, read: (sample: GpuSample) => number | null): void {
    const latest = this.latest;
    new Gauge<Labels>({
      name,
      help,
      labelNames: ['uuid', 'model', 'host'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [uuid, { sample, model }] of latest) {
          const value = read(sample);
          if (value !== null) {
            this.set({ uuid, model, host: sample.host }, value);
          }
        }
      },
    });
  }
}
