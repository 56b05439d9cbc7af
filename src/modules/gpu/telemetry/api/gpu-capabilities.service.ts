import { Injectable } from '@nestjs/common';

import { safeProbe, TelemetryCollector } from '../collector/telemetry-collector.service.js';
import type { SourceSelection } from '../collector/source-selection.js';
import { DcgmSource } from '../dcgm/dcgm.source.js';
import type { TelemetryCapability } from '../gpu-telemetry.types.js';
import { NvidiaSmiSource } from '../nvidia-smi/nvidia-smi.source.js';

export interface GpuCapabilities extends SourceSelection {
  sources: TelemetryCapability[];
}

const PUSH: TelemetryCapability = {
  source: 'push',
  available: true,
  reason: null,
  details: { endpoint: 'POST /v1/gpu/samples' },
};

/** Every telemetry source probed now, beside the collector's choice. */
@Injectable()
export class GpuCapabilitiesService {
  constructor(
    private readonly collector: TelemetryCollector,
    private readonly dcgm: DcgmSource,
    private readonly nvidiaSmi: NvidiaSmiSource,
  ) {}

  async capabilities(): Promise<GpuCapabilities> {
    const [selection, nvidiaSmi, dcgm] = await Promise.all([this.collector.selected(), safeProbe(this.nvidiaSmi), safeProbe(this.dcgm)]);
    return { ...selection, sources: [nvidiaSmi, dcgm, PUSH] };
  }
}
