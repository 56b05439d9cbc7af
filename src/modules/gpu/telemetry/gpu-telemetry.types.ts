/** One GPU as a telemetry source sees it. `uuid` (GPU-…, or MIG-… for a MIG instance) identifies it everywhere. */
export interface GpuDeviceInfo {
  uuid: string;
  host: string;
  index: number;
  name: string;
  /** PCI bus id, e.g. 00000000:3B:00.0. */
  pciBusId: string | null;
  driverVersion: string | null;
  memoryTotalBytes: number | null;
  powerLimitWatts: number | null;
  /** MIG enabled on this GPU (its own utilisation is then not meaningful: "not judged", never 0%). */
  migEnabled: boolean;
  /** For a MIG instance: the parent GPU's uuid. */
  parentUuid: string | null;
}

/**
 * One reading of one device. Ratios are 0–1; any field a source could not read (`[N/A]`, `[Not Supported]`, absent
 * from DCGM) is null, never 0.
 */
export interface GpuSample {
  uuid: string;
  host: string;
  /** ISO-8601 (UTC). (uuid, sampledAt) is the sample's identity: ingesting it twice keeps one row. */
  sampledAt: string;
  utilizationRatio: number | null;
  memoryUtilizationRatio: number | null;
  memoryUsedBytes: number | null;
  memoryTotalBytes: number | null;
  powerWatts: number | null;
  temperatureCelsius: number | null;
  smClockMhz: number | null;
  memoryClockMhz: number | null;
  /** Active clock throttle reasons by name (e.g. `sw_power_cap`, `hw_thermal_slowdown`); empty when none. */
  throttleReasons: string[];
}

/** A process holding memory on a device (nvidia-smi --query-compute-apps). */
export interface GpuProcess {
  uuid: string;
  pid: number;
  processName: string;
  usedMemoryBytes: number | null;
}

/** Something that happened to a device: a throttle reason starting, an Xid error from the kernel log. */
export interface GpuEvent {
  uuid: string;
  host: string;
  at: string;
  kind: 'throttle' | 'xid';
  /** Throttle reason name, or the Xid code as text. */
  code: string;
  detail: string;
}

export interface GpuCollection {
  devices: GpuDeviceInfo[];
  samples: GpuSample[];
  processes: GpuProcess[];
  events: GpuEvent[];
}

/** Whether a source can collect here, and if not, why (no binary, driver not loaded, no devices, unreachable…). */
export interface TelemetryCapability {
  source: 'nvidia-smi' | 'dcgm' | 'push';
  available: boolean;
  reason: string | null;
  /** What answered: driver and tool versions, device count. */
  details: Record<string, string | number>;
}

/** The port every collector implements; a scheduler polls the configured one into the sample store. */
export abstract class TelemetrySource {
  abstract readonly name: 'nvidia-smi' | 'dcgm';
  abstract probe(): Promise<TelemetryCapability>;
  abstract collect(): Promise<GpuCollection>;
}
