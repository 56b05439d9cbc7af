import type { GpuCollection, GpuDeviceInfo, GpuEvent, GpuSample } from '../gpu-telemetry.types.js';
import { throttleReasonNames } from '../nvidia-smi/throttle-reasons.js';
import type { PromSample } from './prometheus-text.parser.js';

const MIB = 1024 * 1024;

/** One device's series in a scrape: a whole GPU, or one MIG GPU instance of it. */
interface DeviceSeries {
  labels: Record<string, string>;
  fields: Map<string, number>;
  /** dcgm-exporter's text for the last Xid (`err_msg` label of DCGM_FI_DEV_XID_ERRORS only). */
  xidMessage?: string;
}

export interface DcgmMapOptions {
  /** Used when a series carries no `Hostname` label (dcgm-exporter started with --no-hostname). */
  fallbackHost: string;
  sampledAt: string;
}

/**
 * dcgm-exporter labels a MIG instance's series with its parent's UUID plus GPU_I_ID; MIG device UUIDs are not
 * exported, so the instance gets the pre-R470 style `MIG-<parent uuid>/<gpu instance id>` as its stable id.
 */
export const migInstanceUuid = (parentUuid: string, gpuInstanceId: string): string => `MIG-${parentUuid}/${gpuInstanceId}`;

/** Maps dcgm-exporter samples to devices, samples and Xid events; values DCGM could not read stay null. */
export function mapDcgmSamples(samples: readonly PromSample[], options: DcgmMapOptions): GpuCollection {
  const series = groupByDevice(samples);
  const devices = new Map<string, GpuDeviceInfo>();
  const out: GpuCollection = { devices: [], samples: [], processes: [], events: [] };
  for (const [uuid, device] of series) {
    const info = deviceInfo(uuid, device, options.fallbackHost);
    devices.set(uuid, info);
    if (info.parentUuid !== null && !devices.has(info.parentUuid)) {
      // The parent as its instances describe it: whole-GPU fields only, its total memory unknown from them.
      const name = device.labels.modelName ?? 'unknown';
      devices.set(info.parentUuid, { ...info, uuid: info.parentUuid, name, memoryTotalBytes: null, migEnabled: true, parentUuid: null });
    }
    out.samples.push(deviceSample(info, device, options.sampledAt));
    const xid = xidEvent(info, device, options.sampledAt);
    if (xid !== null) {
      out.events.push(xid);
    }
  }
  for (const [uuid, parent] of devices) {
    // A GPU seen only through its MIG instances is MIG-enabled; its own series (if any) are not judged.
    if ([...devices.values()].some((d) => d.parentUuid === uuid)) {
      devices.set(uuid, { ...parent, migEnabled: true });
    }
  }
  out.devices = [...devices.values()];
  return out;
}

function groupByDevice(samples: readonly PromSample[]): Map<string, DeviceSeries> {
  const series = new Map<string, DeviceSeries>();
  for (const sample of samples) {
    const parent = sample.labels.UUID;
    if (!sample.name.startsWith('DCGM_FI_') || parent === undefined || parent === '') {
      continue;
    }
    const gi = sample.labels.GPU_I_ID;
    const uuid = gi === undefined || gi === '' ? parent : migInstanceUuid(parent, gi);
    const entry = series.get(uuid) ?? { labels: sample.labels, fields: new Map<string, number>() };
    entry.fields.set(sample.name, sample.value);
    if (sample.name === 'DCGM_FI_DEV_XID_ERRORS' && sample.labels.err_msg) {
      entry.xidMessage = sample.labels.err_msg;
    }
    series.set(uuid, entry);
  }
  return series;
}

function deviceInfo(uuid: string, device: DeviceSeries, fallbackHost: string): GpuDeviceInfo {
  const { labels } = device;
  const isMig = uuid !== labels.UUID;
  const profile = labels.GPU_I_PROFILE;
  const model = labels.modelName ?? 'unknown';
  return {
    uuid,
    host: labels.Hostname || fallbackHost,
    index: Number.parseInt(labels.gpu ?? '', 10) || 0,
    name: isMig && profile ? `${model} MIG ${profile}` : model,
    pciBusId: labels.pci_bus_id ?? null,
    driverVersion: labels.DCGM_FI_DRIVER_VERSION ?? null,
    memoryTotalBytes: memoryTotal(device),
    powerLimitWatts: field(device, 'DCGM_FI_DEV_POWER_MGMT_LIMIT'),
    migEnabled: false,
    parentUuid: isMig ? (labels.UUID ?? null) : null,
  };
}

function deviceSample(info: GpuDeviceInfo, device: DeviceSeries, sampledAt: string): GpuSample {
  const utilization = percent(field(device, 'DCGM_FI_DEV_GPU_UTIL'));
  const throttle = field(device, 'DCGM_FI_DEV_CLOCK_THROTTLE_REASONS');
  return {
    uuid: info.uuid,
    host: info.host,
    sampledAt,
    // Under MIG, GPU_UTIL is not reported; the instance's graphics-engine activity is its utilisation.
    utilizationRatio: utilization ?? field(device, 'DCGM_FI_PROF_GR_ENGINE_ACTIVE'),
    memoryUtilizationRatio: percent(field(device, 'DCGM_FI_DEV_MEM_COPY_UTIL')),
    memoryUsedBytes: mib(field(device, 'DCGM_FI_DEV_FB_USED')),
    memoryTotalBytes: info.memoryTotalBytes,
    powerWatts: field(device, 'DCGM_FI_DEV_POWER_USAGE'),
    temperatureCelsius: field(device, 'DCGM_FI_DEV_GPU_TEMP'),
    smClockMhz: field(device, 'DCGM_FI_DEV_SM_CLOCK'),
    memoryClockMhz: field(device, 'DCGM_FI_DEV_MEM_CLOCK'),
    throttleReasons: throttle === null ? [] : throttleReasonNames(BigInt(Math.trunc(throttle))),
  };
}

/** DCGM_FI_DEV_XID_ERRORS holds the last Xid code seen (0: none); the collector drops repeats of the same code. */
function xidEvent(info: GpuDeviceInfo, device: DeviceSeries, at: string): GpuEvent | null {
  const xid = field(device, 'DCGM_FI_DEV_XID_ERRORS');
  if (xid === null || xid === 0) {
    return null;
  }
  const detail = device.xidMessage ? `Xid ${xid}: ${device.xidMessage}` : `Xid ${xid}`;
  return { uuid: info.uuid, host: info.host, at, kind: 'xid', code: String(Math.trunc(xid)), detail };
}

function field(device: DeviceSeries, name: string): number | null {
  const value = device.fields.get(name);
  return value === undefined || !Number.isFinite(value) ? null : value;
}

function memoryTotal(device: DeviceSeries): number | null {
  const used = field(device, 'DCGM_FI_DEV_FB_USED');
  const free = field(device, 'DCGM_FI_DEV_FB_FREE');
  if (used === null || free === null) {
    return null;
  }
  return mib(used + free + (field(device, 'DCGM_FI_DEV_FB_RESERVED') ?? 0));
}

const percent = (value: number | null): number | null => (value === null ? null : value / 100);
const mib = (value: number | null): number | null => (value === null ? null : Math.round(value * MIB));
