import type { GpuSample } from '../telemetry/gpu-telemetry.types.js';
import { THROTTLE_SEPARATOR, toSampleColumns } from './gpu-sample-columns.util.js';

const base: GpuSample = {
  uuid: 'GPU-a',
  host: 'h',
  sampledAt: '2026-11-20T10:00:00.000Z',
  utilizationRatio: 0.25,
  memoryUtilizationRatio: null,
  memoryUsedBytes: 1_000.4,
  memoryTotalBytes: 85_899_345_920,
  powerWatts: 71.5,
  temperatureCelsius: -5,
  smClockMhz: 1_980,
  memoryClockMhz: null,
  throttleReasons: [],
};

describe('toSampleColumns', () => {
  it('makes one array literal per column, nulls unquoted and whole numbers rounded', () => {
    const columns = toSampleColumns([
      { deviceId: '00000000-0000-0000-0000-000000000001', sample: base },
      { deviceId: '00000000-0000-0000-0000-000000000002', sample: { ...base, utilizationRatio: null, throttleReasons: ['sw_power_cap', 'hw_slowdown'] } },
    ]);

    expect(columns).toEqual([
      '{00000000-0000-0000-0000-000000000001,00000000-0000-0000-0000-000000000002}',
      '{2026-11-20T10:00:00.000Z,2026-11-20T10:00:00.000Z}',
      '{0.25,NULL}',
      '{NULL,NULL}',
      '{1000,1000}',
      '{85899345920,85899345920}',
      '{71.5,71.5}',
      '{-5,-5}',
      '{1980,1980}',
      '{NULL,NULL}',
      `{"","sw_power_cap${THROTTLE_SEPARATOR}hw_slowdown"}`,
    ]);
  });

  it('quotes and escapes throttle reasons whatever a collector named them', () => {
    const [throttles] = toSampleColumns([{ deviceId: 'd', sample: { ...base, throttleReasons: ['a "b"', 'c\\d,{e}'] } }]).slice(-1);

    expect(throttles).toBe(`{"a \\"b\\"${THROTTLE_SEPARATOR}c\\\\d,{e}"}`);
  });

  it('makes empty arrays for an empty batch', () => {
    expect(toSampleColumns([])).toEqual(Array.from({ length: 11 }, () => '{}'));
  });
});
