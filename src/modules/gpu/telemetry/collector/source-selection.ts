import type { GpuCollector } from '@app/config';

import type { TelemetryCapability } from '../gpu-telemetry.types.js';

export type ActiveSource = 'nvidia-smi' | 'dcgm';

/** Which source polls, and when none does (or the chosen one cannot collect yet), why. */
export interface SourceSelection {
  collector: GpuCollector;
  active: ActiveSource | null;
  reason: string | null;
}

export interface SelectionInputs {
  collector: GpuCollector;
  dcgmConfigured: boolean;
  /** Probed only when the choice depends on it (auto, nvidia-smi). */
  probeNvidiaSmi: () => Promise<TelemetryCapability>;
}

const PUSH_ONLY = 'telemetry arrives only through push ingest (POST /v1/gpu/samples)';

/** GPU_COLLECTOR → the polling source: auto prefers nvidia-smi with devices, then dcgm-exporter when configured. */
export async function selectSource(inputs: SelectionInputs): Promise<SourceSelection> {
  const { collector, dcgmConfigured } = inputs;
  switch (collector) {
    case 'off':
      return { collector, active: null, reason: `GPU_COLLECTOR=off: ${PUSH_ONLY}` };
    case 'dcgm':
      return dcgmConfigured
        ? { collector, active: 'dcgm', reason: null }
        : { collector, active: null, reason: `GPU_COLLECTOR=dcgm but GPU_DCGM_URL is not set: ${PUSH_ONLY}` };
    case 'nvidia-smi': {
      // Chosen explicitly: it polls even when the probe fails (a driver may load later), and says why it fails.
      const probe = await inputs.probeNvidiaSmi();
      return { collector, active: 'nvidia-smi', reason: probe.available ? null : probe.reason };
    }
    case 'auto':
      return selectAuto(await inputs.probeNvidiaSmi(), dcgmConfigured);
  }
}

function selectAuto(probe: TelemetryCapability, dcgmConfigured: boolean): SourceSelection {
  const devices = Number(probe.details.deviceCount ?? 0);
  if (probe.available && devices > 0) {
    return { collector: 'auto', active: 'nvidia-smi', reason: null };
  }
  if (dcgmConfigured) {
    return { collector: 'auto', active: 'dcgm', reason: null };
  }
  const nvidia = probe.available ? 'nvidia-smi found no devices' : `nvidia-smi unavailable (${probe.reason ?? 'unknown'})`;
  return { collector: 'auto', active: null, reason: `${nvidia} and GPU_DCGM_URL is not set: ${PUSH_ONLY}` };
}
