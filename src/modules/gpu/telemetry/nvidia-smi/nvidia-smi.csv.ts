import type { GpuDeviceInfo, GpuProcess, GpuSample } from '../gpu-telemetry.types.js';
import { parseThrottleMask } from './throttle-reasons.js';

/**
 * Pinned `--query-gpu` order. nvidia-smi never quotes CSV cells, so `name` (free text that may hold ", ") comes last:
 * the first fields split safely and everything after them is the name.
 */
export const GPU_QUERY_FIELDS = [
  'uuid',
  'index',
  'pci.bus_id',
  'driver_version',
  'utilization.gpu',
  'utilization.memory',
  'memory.used',
  'memory.total',
  'power.draw',
  'power.limit',
  'temperature.gpu',
  'clocks.sm',
  'clocks.mem',
  'clocks_throttle_reasons.active',
  'mig.mode.current',
  'name',
] as const;

/** `--query-compute-apps` order: `process_name` (a command line, may hold ", ") is split off from both ends. */
export const COMPUTE_APPS_FIELDS = ['gpu_uuid', 'pid', 'process_name', 'used_memory'] as const;

export const GPU_QUERY_ARGS = [`--query-gpu=${GPU_QUERY_FIELDS.join(',')}`, '--format=csv,noheader,nounits'];
export const COMPUTE_APPS_ARGS = [`--query-compute-apps=${COMPUTE_APPS_FIELDS.join(',')}`, '--format=csv,noheader,nounits'];

const MIB = 1024 * 1024;
const SEPARATOR = ', ';
/** Cells nvidia-smi writes when it cannot read a value; with `nounits` some drivers drop the brackets. */
const UNREADABLE = /^\[?(N\/A|Not Supported|Unknown Error|Insufficient Permissions|GPU requires reset|Not Available)\]?$/i;

export interface GpuQueryRow {
  device: Omit<GpuDeviceInfo, 'host'>;
  sample: Omit<GpuSample, 'host' | 'sampledAt'>;
}

export class NvidiaSmiParseError extends Error {}

/** A cell as text, or null when nvidia-smi says it could not be read. */
export function cell(text: string | undefined): string | null {
  const value = (text ?? '').trim();
  return value === '' || UNREADABLE.test(value) ? null : value;
}

export function numberCell(text: string | undefined): number | null {
  const value = cell(text);
  if (value === null) {
    return null;
  }
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

const mibToBytes = (value: number | null): number | null => (value === null ? null : Math.round(value * MIB));
const percentToRatio = (value: number | null): number | null => (value === null ? null : value / 100);

function lines(stdout: string): string[] {
  return stdout.split(/\r?\n/).filter((line) => line.trim() !== '');
}

/** Parses `--query-gpu` output in GPU_QUERY_FIELDS order. */
export function parseGpuQuery(stdout: string): GpuQueryRow[] {
  const fixed = GPU_QUERY_FIELDS.length - 1;
  return lines(stdout).map((line, lineIndex) => {
    const parts = line.split(SEPARATOR);
    if (parts.length < GPU_QUERY_FIELDS.length) {
      throw new NvidiaSmiParseError(`nvidia-smi --query-gpu line ${lineIndex + 1} has ${parts.length} fields, expected ${GPU_QUERY_FIELDS.length}`);
    }
    const f = parts.slice(0, fixed);
    const name = parts.slice(fixed).join(SEPARATOR).trim();
    const uuid = cell(f[0]);
    const index = numberCell(f[1]);
    if (uuid === null || index === null) {
      throw new NvidiaSmiParseError(`nvidia-smi --query-gpu line ${lineIndex + 1} has no uuid or index`);
    }
    const memoryTotalBytes = mibToBytes(numberCell(f[7]));
    return {
      device: {
        uuid,
        index,
        name: cell(name) ?? 'unknown',
        pciBusId: cell(f[2]),
        driverVersion: cell(f[3]),
        memoryTotalBytes,
        powerLimitWatts: numberCell(f[9]),
        migEnabled: cell(f[14])?.toLowerCase() === 'enabled',
        parentUuid: null,
      },
      sample: {
        uuid,
        utilizationRatio: percentToRatio(numberCell(f[4])),
        memoryUtilizationRatio: percentToRatio(numberCell(f[5])),
        memoryUsedBytes: mibToBytes(numberCell(f[6])),
        memoryTotalBytes,
        powerWatts: numberCell(f[8]),
        temperatureCelsius: numberCell(f[10]),
        smClockMhz: numberCell(f[11]),
        memoryClockMhz: numberCell(f[12]),
        throttleReasons: parseThrottleMask(cell(f[13]) ?? '') ?? [],
      },
    };
  });
}

/** Parses `--query-compute-apps` output in COMPUTE_APPS_FIELDS order. */
export function parseComputeApps(stdout: string): GpuProcess[] {
  return lines(stdout).map((line, lineIndex) => {
    const parts = line.split(SEPARATOR);
    const uuid = cell(parts[0]);
    const pid = numberCell(parts[1]);
    if (parts.length < COMPUTE_APPS_FIELDS.length || uuid === null || pid === null) {
      throw new NvidiaSmiParseError(`nvidia-smi --query-compute-apps line ${lineIndex + 1} is not gpu_uuid, pid, process_name, used_memory`);
    }
    return {
      uuid,
      pid,
      processName: parts.slice(2, -1).join(SEPARATOR).trim(),
      usedMemoryBytes: mibToBytes(numberCell(parts.at(-1))),
    };
  });
}
