/**
 * nvidia-smi `clocks_throttle_reasons.active` / NVML `nvmlClocksThrottleReasons` bits (nvml.h); DCGM's
 * DCGM_FI_DEV_CLOCK_THROTTLE_REASONS carries the same mask as a decimal number.
 */
export const THROTTLE_REASON_BITS: ReadonlyArray<readonly [number, string]> = [
  [0x1, 'gpu_idle'],
  [0x2, 'applications_clocks_setting'],
  [0x4, 'sw_power_cap'],
  [0x8, 'hw_slowdown'],
  [0x10, 'sync_boost'],
  [0x20, 'sw_thermal_slowdown'],
  [0x40, 'hw_thermal_slowdown'],
  [0x80, 'hw_power_brake_slowdown'],
  [0x100, 'display_clock_setting'],
];

/** Names of the set bits, in bit order; unknown bits are named by their hex value so they are never lost. */
export function throttleReasonNames(mask: bigint): string[] {
  const names: string[] = [];
  let rest = mask;
  for (const [bit, name] of THROTTLE_REASON_BITS) {
    if ((mask & BigInt(bit)) !== 0n) {
      names.push(name);
      rest &= ~BigInt(bit);
    }
  }
  for (let bit = 0n; rest !== 0n; bit += 1n) {
    if ((rest & (1n << bit)) !== 0n) {
      names.push(`unknown_0x${(1n << bit).toString(16)}`);
      rest &= ~(1n << bit);
    }
  }
  return names;
}

/** `0x0000000000000004` (nvidia-smi) or `4` (DCGM) → names; null for an unreadable cell. */
export function parseThrottleMask(text: string): string[] | null {
  const trimmed = text.trim();
  if (!/^(0x[0-9a-f]+|\d+)$/i.test(trimmed)) {
    return null;
  }
  return throttleReasonNames(BigInt(trimmed));
}
