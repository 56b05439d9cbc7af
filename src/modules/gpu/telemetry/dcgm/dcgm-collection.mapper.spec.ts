import { readGpuFixture } from '../../../../../test/support/gpu-fixtures.js';
import { mapDcgmSamples, migInstanceUuid } from './dcgm-collection.mapper.js';
import { parsePrometheusText } from './prometheus-text.parser.js';

const MIB = 1024 * 1024;
const GPU0 = 'GPU-5b2c8a4e-1f3d-4c6e-9a7b-0d2e4f6a8c10';
const GPU1 = 'GPU-7e1d9c3b-2a4f-4b8e-8c6d-1f3a5b7d9e21';
const GPU2 = 'GPU-9c8b7a6f-5e4d-4c3b-a2f1-0e9d8c7b6a54';
const SAMPLED_AT = '2026-11-23T03:00:00.000Z';

const fixture = () =>
  mapDcgmSamples(parsePrometheusText(readGpuFixture('dcgm/dcgm-exporter.txt')).samples, { fallbackHost: 'fallback', sampledAt: SAMPLED_AT });

describe('mapDcgmSamples', () => {
  it('maps each GPU with its labels (model, PCI bus, driver, Hostname)', () => {
    const gpu0 = fixture().devices.find((device) => device.uuid === GPU0);
    expect(gpu0).toEqual({
      uuid: GPU0,
      host: 'gpu-node-07',
      index: 0,
      name: 'NVIDIA H100 80GB HBM3',
      pciBusId: '00000000:19:00.0',
      driverVersion: '550.54.15',
      memoryTotalBytes: (61440 + 19605) * MIB,
      powerLimitWatts: 700,
      migEnabled: false,
      parentUuid: null,
    });
  });

  it('converts units: % → 0–1, MiB → bytes, throttle mask → names', () => {
    const sample = fixture().samples.find((candidate) => candidate.uuid === GPU1);
    expect(sample).toEqual({
      uuid: GPU1,
      host: 'gpu-node-07',
      sampledAt: SAMPLED_AT,
      utilizationRatio: 1,
      memoryUtilizationRatio: 0.71,
      memoryUsedBytes: 79872 * MIB,
      memoryTotalBytes: (79872 + 1173) * MIB,
      powerWatts: 699.12,
      temperatureCelsius: 83,
      smClockMhz: 1755,
      memoryClockMhz: 2619,
      throttleReasons: ['sw_power_cap'],
    });
  });

  it('maps a MIG instance (GPU_I_ID) to its own device under a MIG-enabled parent', () => {
    const { devices, samples } = fixture();
    const instanceUuid = migInstanceUuid(GPU2, '2');
    expect(devices.find((device) => device.uuid === instanceUuid)).toMatchObject({ name: 'NVIDIA H100 80GB HBM3 MIG 3g.40gb', parentUuid: GPU2, migEnabled: false });
    expect(devices.find((device) => device.uuid === GPU2)).toMatchObject({ name: 'NVIDIA H100 80GB HBM3', memoryTotalBytes: null, migEnabled: true, parentUuid: null });
    const instance = samples.find((sample) => sample.uuid === instanceUuid);
    // GPU_UTIL is absent under MIG: the instance's graphics engine activity stands in, never 0.
    expect(instance).toMatchObject({ utilizationRatio: 0.3512, memoryUtilizationRatio: null, memoryUsedBytes: 20480 * MIB });
    expect(samples.some((sample) => sample.uuid === GPU2)).toBe(false);
  });

  it('turns a non-zero DCGM_FI_DEV_XID_ERRORS into an xid event', () => {
    expect(fixture().events).toEqual([{ uuid: GPU1, host: 'gpu-node-07', at: SAMPLED_AT, kind: 'xid', code: '79', detail: 'Xid 79: GPU has fallen off the bus' }]);
  });

  it('leaves fields DCGM did not export null and uses the fallback host without a Hostname label', () => {
    const { samples, devices } = mapDcgmSamples(parsePrometheusText('DCGM_FI_DEV_GPU_TEMP{gpu="0",UUID="GPU-x"} 50\nDCGM_FI_DEV_POWER_USAGE{gpu="0",UUID="GPU-x"} NaN\n').samples, {
      fallbackHost: 'node-b',
      sampledAt: SAMPLED_AT,
    });
    expect(devices[0]).toMatchObject({ host: 'node-b', memoryTotalBytes: null, name: 'unknown' });
    expect(samples[0]).toMatchObject({ temperatureCelsius: 50, powerWatts: null, utilizationRatio: null, throttleReasons: [] });
  });

  it('ignores series without a UUID and non-DCGM series', () => {
    const { devices } = mapDcgmSamples(parsePrometheusText('DCGM_FI_DEV_GPU_TEMP{gpu="0"} 50\ngo_goroutines 12\n').samples, { fallbackHost: 'h', sampledAt: SAMPLED_AT });
    expect(devices).toEqual([]);
  });
});
