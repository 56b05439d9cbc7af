import type { DeviceMemory } from './memory-estimate.js';

/**
 * The latest memory reading of a known device. Implemented by the telemetry store (which owns gpu_devices and
 * gpu_samples); without one bound, a `deviceId` cannot be resolved and is answered as not found.
 */
export abstract class GpuDeviceMemorySource {
  abstract memoryOf(deviceId: string): Promise<DeviceMemory | null>;
}
