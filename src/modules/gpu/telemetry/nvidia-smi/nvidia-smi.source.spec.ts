import { testConfig } from '@app/testing';

import { fakeNvidiaSmi, GPU_FIXTURES, type FakeNvidiaSmiScenario } from '../../../../../test/support/gpu-fixtures.js';
import { GpuException } from '../../gpu.exception.js';
import { HostInfo } from '../host-info.js';
import { ExecFileCommandRunner } from './command-runner.js';
import { NvidiaSmiSource } from './nvidia-smi.source.js';

class PinnedHost extends HostInfo {
  override hostname(): string {
    return 'gpu-node-01';
  }

  override now(): Date {
    return new Date('2026-11-23T03:00:00.000Z');
  }
}

/** The source over a REAL child process: the recorded-output fake nvidia-smi in test/fixtures/gpu/bin. */
function sourceAt(path: string, timeoutMs = 5_000): NvidiaSmiSource {
  const config = testConfig({ GPU_NVIDIA_SMI_PATH: path, GPU_NVIDIA_SMI_TIMEOUT_MS: String(timeoutMs) });
  return new NvidiaSmiSource(config, new PinnedHost(), new ExecFileCommandRunner());
}

const fake = (scenario: FakeNvidiaSmiScenario): NvidiaSmiSource => sourceAt(fakeNvidiaSmi(scenario));

describe(NvidiaSmiSource.name, () => {
  describe('probe', () => {
    it('is available with the driver version and device count', async () => {
      await expect(fake('nvidia-smi').probe()).resolves.toEqual({
        source: 'nvidia-smi',
        available: true,
        reason: null,
        details: { path: fakeNvidiaSmi('nvidia-smi'), deviceCount: 2, driverVersion: '550.54.15' },
      });
    });

    it('is available with zero devices when nvidia-smi says "No devices were found"', async () => {
      const probe = await fake('nvidia-smi-no-devices').probe();
      expect(probe).toMatchObject({ available: true, reason: null, details: { deviceCount: 0 } });
    });

    it.each([
      ['nvidia-smi-exit-9', /NVIDIA driver is not loaded.*exit 9.*couldn't communicate with the NVIDIA driver/],
      ['nvidia-smi-exit-12', /NVML shared library \(libnvidia-ml\.so\) was not found \(exit 12\)/],
      ['nvidia-smi-exit-15', /fallen off the bus.*exit 15.*GPU is lost/],
      ['nvidia-smi-exit-255', /unexpected error \(exit 255\): Failed to initialize NVML: Unknown Error/],
    ] as const)('maps %s to a reason naming the cause', async (scenario, reason) => {
      const probe = await fake(scenario).probe();
      expect(probe.available).toBe(false);
      expect(probe.reason).toMatch(reason);
    });

    it('says so when there is no nvidia-smi binary (ENOENT)', async () => {
      const probe = await sourceAt(`${GPU_FIXTURES}bin/no-such-nvidia-smi`).probe();
      expect(probe).toMatchObject({ available: false, reason: expect.stringContaining('nvidia-smi not found') });
    });

    it('kills an nvidia-smi that hangs past its timeout and says so', async () => {
      const probe = await sourceAt(fakeNvidiaSmi('nvidia-smi-hang'), 300).probe();
      expect(probe).toMatchObject({ available: false, reason: 'nvidia-smi did not answer within 300 ms and was killed' });
    });
  });

  describe('collect', () => {
    it('returns devices, samples stamped with host and time, and compute processes', async () => {
      const collection = await fake('nvidia-smi').collect();
      expect(collection.devices.map((device) => [device.uuid, device.host])).toEqual([
        ['GPU-5b2c8a4e-1f3d-4c6e-9a7b-0d2e4f6a8c10', 'gpu-node-01'],
        ['GPU-7e1d9c3b-2a4f-4b8e-8c6d-1f3a5b7d9e21', 'gpu-node-01'],
      ]);
      expect(collection.samples[1]).toMatchObject({ host: 'gpu-node-01', sampledAt: '2026-11-23T03:00:00.000Z', utilizationRatio: 1, throttleReasons: ['sw_power_cap'] });
      expect(collection.processes.map((process) => process.pid)).toEqual([48213, 51877, 51902]);
      expect(collection.events).toEqual([]);
    });

    it('returns an empty collection when no devices were found', async () => {
      await expect(fake('nvidia-smi-no-devices').collect()).resolves.toEqual({ devices: [], samples: [], processes: [], events: [] });
    });

    it('throws TELEMETRY_UNAVAILABLE with the reason when nvidia-smi fails', async () => {
      const failure = fake('nvidia-smi-exit-9').collect();
      await expect(failure).rejects.toBeInstanceOf(GpuException);
      await expect(failure).rejects.toMatchObject({ code: 'GPU.TELEMETRY_UNAVAILABLE', message: expect.stringContaining('exit 9') });
    });
  });
});
