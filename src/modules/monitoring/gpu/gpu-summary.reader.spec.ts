import { MetricsRegistry } from '@app/common';
import { Gauge, Histogram } from 'prom-client';

import { GPU_SUMMARY_DEVICES } from './gpu-summary.js';
import { GpuSummaryReader } from './gpu-summary.reader.js';

type DeviceLabels = 'uuid' | 'model' | 'host';

function gpuGauges(registry: MetricsRegistry) {
  const make = (name: string) => new Gauge<DeviceLabels>({ name, help: name, labelNames: ['uuid', 'model', 'host'], registers: [registry] });
  return {
    utilisation: make('bulwark_gpu_utilization_ratio'),
    memory: make('bulwark_gpu_memory_used_bytes'),
    power: make('bulwark_gpu_power_watts'),
    temperature: make('bulwark_gpu_temperature_celsius'),
  };
}

describe('GpuSummaryReader', () => {
  let registry: MetricsRegistry;

  beforeEach(() => {
    registry = new MetricsRegistry();
  });

  it('is null where the GPU module is absent', async () => {
    await expect(new GpuSummaryReader(registry).read()).resolves.toBeNull();
  });

  it('is null where the gauges exist but no device has reported', async () => {
    gpuGauges(registry);
    await expect(new GpuSummaryReader(registry).read()).resolves.toBeNull();
  });

  it('sums memory and power, averages utilisation over the devices that report it and lists the busiest first', async () => {
    const gauges = gpuGauges(registry);
    const a = { uuid: 'GPU-a', model: 'NVIDIA H100', host: 'node-1' };
    const b = { uuid: 'GPU-b', model: 'NVIDIA H100', host: 'node-1' };
    const c = { uuid: 'GPU-c', model: 'NVIDIA L4', host: 'node-2' };
    gauges.utilisation.set(a, 0.2);
    gauges.utilisation.set(b, 0.9);
    gauges.memory.set(a, 1_000);
    gauges.memory.set(b, 3_000);
    gauges.memory.set(c, 500); // c reports memory but no utilisation
    gauges.power.set(a, 100);
    gauges.temperature.set(a, 40);
    gauges.temperature.set(b, 72);

    const summary = await new GpuSummaryReader(registry).read();

    expect(summary).toMatchObject({
      devices: 3,
      utilisationMax: 0.9,
      memoryUsedBytes: 4_500,
      powerWatts: 100,
      temperatureMaxCelsius: 72,
      openRecommendations: null,
      devicesOmitted: 0,
    });
    expect(summary?.utilisationMean).toBeCloseTo(0.55);
    expect(summary?.busiest.map((device) => device.uuid)).toEqual(['GPU-b', 'GPU-a', 'GPU-c']);
    expect(summary?.busiest[2]).toEqual({ ...c, utilisation: null, memoryUsedBytes: 500, powerWatts: null, temperatureCelsius: null });
  });

  it('counts open recommendations over every rule and severity', async () => {
    gpuGauges(registry).utilisation.set({ uuid: 'GPU-a', model: 'm', host: 'h' }, 0.5);
    const open = new Gauge({ name: 'bulwark_gpu_recommendations_open', help: 'open', labelNames: ['rule', 'severity'], registers: [registry] });
    open.set({ rule: 'idle', severity: 'warning' }, 2);
    open.set({ rule: 'memory-pressure', severity: 'critical' }, 1);

    await expect(new GpuSummaryReader(registry).read()).resolves.toMatchObject({ openRecommendations: 3 });
  });

  it('keeps the device list bounded and says how many it left out', async () => {
    const { utilisation } = gpuGauges(registry);
    const count = GPU_SUMMARY_DEVICES + 3;
    for (let index = 0; index < count; index += 1) {
      utilisation.set({ uuid: `GPU-${String(index).padStart(2, '0')}`, model: 'm', host: 'h' }, index / count);
    }

    const summary = await new GpuSummaryReader(registry).read();

    expect(summary?.devices).toBe(count);
    expect(summary?.busiest).toHaveLength(GPU_SUMMARY_DEVICES);
    expect(summary?.busiest[0]?.uuid).toBe(`GPU-${count - 1}`);
    expect(summary?.devicesOmitted).toBe(3);
  });

  it('reads only plain series: histogram buckets, sums and counts are not device readings', async () => {
    new Histogram({ name: 'bulwark_gpu_utilization_ratio', help: 'not a gauge', labelNames: ['uuid'], registers: [registry] }).observe({ uuid: 'GPU-x' }, 0.5);
    await expect(new GpuSummaryReader(registry).read()).resolves.toBeNull();
  });
});
