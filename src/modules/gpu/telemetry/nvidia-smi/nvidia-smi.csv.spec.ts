import { readGpuFixture } from '../../../../../test/support/gpu-fixtures.js';
import { cell, NvidiaSmiParseError, parseComputeApps, parseGpuQuery } from './nvidia-smi.csv.js';

const MIB = 1024 * 1024;

describe('nvidia-smi CSV', () => {
  describe('cell', () => {
    it('reads every "could not read" form as null', () => {
      for (const text of ['[N/A]', 'N/A', '[Not Supported]', '[Unknown Error]', '', '  ']) {
        expect(cell(text)).toBeNull();
      }
      expect(cell(' 550.54.15 ')).toBe('550.54.15');
    });
  });

  describe('parseGpuQuery', () => {
    it('reads two healthy H100s with units converted (MiB → bytes, % → 0–1)', () => {
      const [first, second] = parseGpuQuery(readGpuFixture('nvidia-smi/h100-2gpus.csv'));
      expect(first?.device).toEqual({
        uuid: 'GPU-5b2c8a4e-1f3d-4c6e-9a7b-0d2e4f6a8c10',
        index: 0,
        name: 'NVIDIA H100 80GB HBM3',
        pciBusId: '00000000:19:00.0',
        driverVersion: '550.54.15',
        memoryTotalBytes: 81559 * MIB,
        powerLimitWatts: 700,
        migEnabled: false,
        parentUuid: null,
      });
      expect(first?.sample).toEqual({
        uuid: 'GPU-5b2c8a4e-1f3d-4c6e-9a7b-0d2e4f6a8c10',
        utilizationRatio: 0.87,
        memoryUtilizationRatio: 0.42,
        memoryUsedBytes: 61440 * MIB,
        memoryTotalBytes: 81559 * MIB,
        powerWatts: 512.34,
        temperatureCelsius: 64,
        smClockMhz: 1980,
        memoryClockMhz: 2619,
        throttleReasons: [],
      });
      expect(second?.sample.utilizationRatio).toBe(1);
      expect(second?.sample.throttleReasons).toEqual(['sw_power_cap']);
    });

    it('reads [N/A], N/A, [Not Supported] and [Unknown Error] cells as null, never 0', () => {
      const [a10g, a6000] = parseGpuQuery(readGpuFixture('nvidia-smi/na-cells.csv'));
      expect(a10g?.sample).toMatchObject({ utilizationRatio: 0.03, memoryUtilizationRatio: null, powerWatts: null, throttleReasons: [] });
      expect(a10g?.device).toMatchObject({ powerLimitWatts: null, migEnabled: false });
      expect(a6000?.sample).toMatchObject({ utilizationRatio: null, memoryUtilizationRatio: null, memoryUsedBytes: null, temperatureCelsius: null });
      expect(a6000?.sample.throttleReasons).toEqual(['gpu_idle', 'sw_thermal_slowdown', 'hw_thermal_slowdown']);
    });

    it('keeps a name holding ", " whole, since name is the last field', () => {
      const rows = parseGpuQuery(readGpuFixture('nvidia-smi/na-cells.csv'));
      expect(rows[1]?.device.name).toBe('NVIDIA RTX A6000, Lab Build');
      expect(rows[1]?.device.index).toBe(1);
    });

    it('marks a MIG-enabled GPU, whose own utilisation is [N/A]', () => {
      const [mig, plain] = parseGpuQuery(readGpuFixture('nvidia-smi/mig.csv'));
      expect(mig?.device.migEnabled).toBe(true);
      expect(mig?.sample.utilizationRatio).toBeNull();
      expect(mig?.sample.memoryUsedBytes).toBe(20480 * MIB);
      expect(plain?.device.migEnabled).toBe(false);
      expect(plain?.sample.throttleReasons).toEqual(['gpu_idle']);
    });

    it('reads empty output as no GPUs', () => {
      expect(parseGpuQuery('\n')).toEqual([]);
    });

    it('refuses a line with too few fields instead of shifting columns', () => {
      expect(() => parseGpuQuery('GPU-1, 0, 00000000:19:00.0')).toThrow(NvidiaSmiParseError);
    });
  });

  describe('parseComputeApps', () => {
    it('reads processes, keeping command lines with ", " whole and [N/A] memory as null', () => {
      expect(parseComputeApps(readGpuFixture('nvidia-smi/compute-apps.csv'))).toEqual([
        { uuid: 'GPU-5b2c8a4e-1f3d-4c6e-9a7b-0d2e4f6a8c10', pid: 48213, processName: 'python3', usedMemoryBytes: 61024 * MIB },
        {
          uuid: 'GPU-7e1d9c3b-2a4f-4b8e-8c6d-1f3a5b7d9e21',
          pid: 51877,
          processName: '/opt/conda/bin/python -m vllm.entrypoints.openai.api_server --model llama,7b',
          usedMemoryBytes: 79360 * MIB,
        },
        { uuid: 'GPU-7e1d9c3b-2a4f-4b8e-8c6d-1f3a5b7d9e21', pid: 51902, processName: '/usr/bin/nvidia-cuda-mps-server', usedMemoryBytes: null },
      ]);
    });

    it('reads no output as no processes', () => {
      expect(parseComputeApps(readGpuFixture('nvidia-smi/compute-apps-empty.csv'))).toEqual([]);
    });

    it('refuses a line without a pid', () => {
      expect(() => parseComputeApps('GPU-1, python3, 100')).toThrow(NvidiaSmiParseError);
    });
  });
});
