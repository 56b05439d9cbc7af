import { parseThrottleMask, throttleReasonNames } from './throttle-reasons.js';

describe('throttle reasons', () => {
  describe('throttleReasonNames', () => {
    it('names each documented NVML bit', () => {
      expect(throttleReasonNames(0x1n)).toEqual(['gpu_idle']);
      expect(throttleReasonNames(0x2n)).toEqual(['applications_clocks_setting']);
      expect(throttleReasonNames(0x4n)).toEqual(['sw_power_cap']);
      expect(throttleReasonNames(0x8n)).toEqual(['hw_slowdown']);
      expect(throttleReasonNames(0x10n)).toEqual(['sync_boost']);
      expect(throttleReasonNames(0x20n)).toEqual(['sw_thermal_slowdown']);
      expect(throttleReasonNames(0x40n)).toEqual(['hw_thermal_slowdown']);
      expect(throttleReasonNames(0x80n)).toEqual(['hw_power_brake_slowdown']);
      expect(throttleReasonNames(0x100n)).toEqual(['display_clock_setting']);
    });

    it('lists every set bit of a combined mask in bit order', () => {
      expect(throttleReasonNames(0x61n)).toEqual(['gpu_idle', 'sw_thermal_slowdown', 'hw_thermal_slowdown']);
    });

    it('keeps bits it does not know by their hex value', () => {
      expect(throttleReasonNames(0x204n)).toEqual(['sw_power_cap', 'unknown_0x200']);
    });

    it('is empty for no active reason', () => {
      expect(throttleReasonNames(0n)).toEqual([]);
    });
  });

  describe('parseThrottleMask', () => {
    it('reads nvidia-smi hex and DCGM decimal masks alike', () => {
      expect(parseThrottleMask('0x0000000000000004')).toEqual(['sw_power_cap']);
      expect(parseThrottleMask('4')).toEqual(['sw_power_cap']);
    });

    it('returns null for a cell that is not a mask', () => {
      expect(parseThrottleMask('[Not Supported]')).toBeNull();
      expect(parseThrottleMask('')).toBeNull();
    });
  });
});
