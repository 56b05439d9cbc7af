import type { TelemetryCapability } from '../gpu-telemetry.types.js';
import { selectSource } from './source-selection.js';

const withDevices = (deviceCount: number): TelemetryCapability => ({ source: 'nvidia-smi', available: true, reason: null, details: { deviceCount } });
const missing: TelemetryCapability = { source: 'nvidia-smi', available: false, reason: 'nvidia-smi not found', details: {} };

describe('selectSource', () => {
  describe('auto', () => {
    it('picks nvidia-smi when it answers with devices', async () => {
      await expect(selectSource({ collector: 'auto', dcgmConfigured: true, probeNvidiaSmi: () => Promise.resolve(withDevices(2)) })).resolves.toEqual({
        collector: 'auto',
        active: 'nvidia-smi',
        reason: null,
      });
    });

    it('falls back to dcgm when nvidia-smi is missing or sees no devices and GPU_DCGM_URL is set', async () => {
      for (const probe of [missing, withDevices(0)]) {
        await expect(selectSource({ collector: 'auto', dcgmConfigured: true, probeNvidiaSmi: () => Promise.resolve(probe) })).resolves.toMatchObject({ active: 'dcgm' });
      }
    });

    it('runs none and says why when neither is usable', async () => {
      const selection = await selectSource({ collector: 'auto', dcgmConfigured: false, probeNvidiaSmi: () => Promise.resolve(missing) });
      expect(selection.active).toBeNull();
      expect(selection.reason).toBe('nvidia-smi unavailable (nvidia-smi not found) and GPU_DCGM_URL is not set: telemetry arrives only through push ingest (POST /v1/gpu/samples)');
    });
  });

  describe('explicit', () => {
    it('runs nvidia-smi when configured even if its probe fails, carrying the reason', async () => {
      await expect(selectSource({ collector: 'nvidia-smi', dcgmConfigured: false, probeNvidiaSmi: () => Promise.resolve(missing) })).resolves.toEqual({
        collector: 'nvidia-smi',
        active: 'nvidia-smi',
        reason: 'nvidia-smi not found',
      });
    });

    it('runs dcgm only with a URL', async () => {
      const probe = (): Promise<TelemetryCapability> => Promise.reject(new Error('not probed'));
      await expect(selectSource({ collector: 'dcgm', dcgmConfigured: true, probeNvidiaSmi: probe })).resolves.toMatchObject({ active: 'dcgm', reason: null });
      await expect(selectSource({ collector: 'dcgm', dcgmConfigured: false, probeNvidiaSmi: probe })).resolves.toMatchObject({ active: null, reason: expect.stringContaining('GPU_DCGM_URL is not set') });
    });

    it('runs none when off, without probing', async () => {
      const probe = (): Promise<TelemetryCapability> => Promise.reject(new Error('not probed'));
      await expect(selectSource({ collector: 'off', dcgmConfigured: true, probeNvidiaSmi: probe })).resolves.toMatchObject({ active: null, reason: expect.stringContaining('GPU_COLLECTOR=off') });
    });
  });
});
