import type { DeviceRef } from '../gpu-series.types.js';

/** A MIG profile as shares of the whole GPU: compute slices of 7 (A30: 4), memory slices of 8 (A30: 4). */
export interface MigProfile {
  name: string;
  computeShare: number;
  memoryShare: number;
}

export interface MigModel {
  model: string;
  /** Smallest first; the full-GPU profile is left out (it is no change). */
  profiles: readonly MigProfile[];
}

const GIB = 1024 ** 3;

function sevenSlice(model: string, sizes: readonly [string, string, string, string]): MigModel {
  const [one, two, four, half] = sizes;
  return {
    model,
    profiles: [
      { name: `1g.${one}`, computeShare: 1 / 7, memoryShare: 1 / 8 },
      { name: `1g.${two}`, computeShare: 1 / 7, memoryShare: 2 / 8 },
      { name: `2g.${two}`, computeShare: 2 / 7, memoryShare: 2 / 8 },
      { name: `3g.${four}`, computeShare: 3 / 7, memoryShare: 4 / 8 },
      { name: `4g.${half}`, computeShare: 4 / 7, memoryShare: 4 / 8 },
    ],
  };
}

/** After NVIDIA's MIG User Guide (supported profiles, without the +me media variants). */
export const MIG_MODELS = {
  a100_40: {
    model: 'A100 40GB',
    profiles: [
      { name: '1g.5gb', computeShare: 1 / 7, memoryShare: 1 / 8 },
      { name: '1g.10gb', computeShare: 1 / 7, memoryShare: 2 / 8 },
      { name: '2g.10gb', computeShare: 2 / 7, memoryShare: 2 / 8 },
      { name: '3g.20gb', computeShare: 3 / 7, memoryShare: 4 / 8 },
      { name: '4g.20gb', computeShare: 4 / 7, memoryShare: 4 / 8 },
    ],
  },
  a100_80: sevenSlice('A100 80GB', ['10gb', '20gb', '40gb', '40gb']),
  h100_80: sevenSlice('H100 80GB', ['10gb', '20gb', '40gb', '40gb']),
  h100_94: sevenSlice('H100 94GB', ['12gb', '24gb', '47gb', '47gb']),
  h200: sevenSlice('H200 141GB', ['18gb', '35gb', '71gb', '71gb']),
  a30: {
    model: 'A30 24GB',
    profiles: [
      { name: '1g.6gb', computeShare: 1 / 4, memoryShare: 1 / 4 },
      { name: '2g.12gb', computeShare: 2 / 4, memoryShare: 2 / 4 },
    ],
  },
} satisfies Record<string, MigModel>;

/** The MIG-capable model a device is, from its name and memory; null when it is not one we know. */
export function migModelOf(device: Pick<DeviceRef, 'name' | 'memoryTotalBytes'>): MigModel | null {
  const name = device.name.toUpperCase();
  const gib = device.memoryTotalBytes === null ? null : device.memoryTotalBytes / GIB;
  if (name.includes('H200')) {
    return MIG_MODELS.h200;
  }
  if (name.includes('H100')) {
    return name.includes('94GB') || name.includes('NVL') || (gib !== null && gib > 88) ? MIG_MODELS.h100_94 : MIG_MODELS.h100_80;
  }
  if (name.includes('A100')) {
    return name.includes('80GB') || (gib !== null && gib > 60) ? MIG_MODELS.a100_80 : MIG_MODELS.a100_40;
  }
  if (/\bA30\b/.test(name)) {
    return MIG_MODELS.a30;
  }
  return null;
}
