import { AppConfig } from '@app/config';
import { Injectable } from '@nestjs/common';

import { GpuException, GpuExceptionCode } from '../../gpu.exception.js';
import type { GpuCollection, TelemetryCapability } from '../gpu-telemetry.types.js';
import { TelemetrySource } from '../gpu-telemetry.types.js';
import { HostInfo } from '../host-info.js';
import { CommandRunner } from './command-runner.js';
import { COMPUTE_APPS_ARGS, GPU_QUERY_ARGS, parseComputeApps, parseGpuQuery } from './nvidia-smi.csv.js';
import { nvidiaSmiOutcome, type NvidiaSmiOutcome } from './nvidia-smi.outcome.js';

/** nvidia-smi prints a few hundred bytes per GPU; 1 MiB covers any host and bounds a misbehaving binary. */
const MAX_OUTPUT_BYTES = 1024 * 1024;

/** Local GPUs through `nvidia-smi --query-gpu` and `--query-compute-apps`, run without a shell. */
@Injectable()
export class NvidiaSmiSource extends TelemetrySource {
  readonly name = 'nvidia-smi' as const;

  constructor(
    private readonly config: AppConfig,
    private readonly host: HostInfo,
    private readonly runner: CommandRunner,
  ) {
    super();
  }

  async probe(): Promise<TelemetryCapability> {
    const outcome = await this.query(GPU_QUERY_ARGS);
    const details: Record<string, string | number> = { path: this.config.gpu.nvidiaSmi.path };
    switch (outcome.kind) {
      case 'failed':
        return { source: this.name, available: false, reason: outcome.reason, details };
      case 'no-devices':
        return { source: this.name, available: true, reason: null, details: { ...details, deviceCount: 0 } };
      case 'ok': {
        const rows = this.parse(() => parseGpuQuery(outcome.stdout));
        const driverVersion = rows.find((row) => row.device.driverVersion !== null)?.device.driverVersion;
        return { source: this.name, available: true, reason: null, details: { ...details, deviceCount: rows.length, ...(driverVersion ? { driverVersion } : {}) } };
      }
    }
  }

  async collect(): Promise<GpuCollection> {
    const sampledAt = this.host.now().toISOString();
    const gpus = await this.query(GPU_QUERY_ARGS);
    if (gpus.kind === 'failed') {
      throw new GpuException(GpuExceptionCode.TELEMETRY_UNAVAILABLE, gpus.reason);
    }
    if (gpus.kind === 'no-devices') {
      return { devices: [], samples: [], processes: [], events: [] };
    }
    const host = this.host.hostname();
    const rows = this.parse(() => parseGpuQuery(gpus.stdout));
    const apps = await this.query(COMPUTE_APPS_ARGS);
    if (apps.kind === 'failed') {
      throw new GpuException(GpuExceptionCode.TELEMETRY_UNAVAILABLE, apps.reason);
    }
    return {
      devices: rows.map((row) => ({ ...row.device, host })),
      samples: rows.map((row) => ({ ...row.sample, host, sampledAt })),
      processes: apps.kind === 'ok' ? this.parse(() => parseComputeApps(apps.stdout)) : [],
      events: [],
    };
  }

  private async query(args: readonly string[]): Promise<NvidiaSmiOutcome> {
    const { path, timeoutMs } = this.config.gpu.nvidiaSmi;
    const result = await this.runner.run(path, args, { maxBuffer: MAX_OUTPUT_BYTES, timeoutMs });
    return nvidiaSmiOutcome(result, path, timeoutMs);
  }

  private parse<T>(parse: () => T): T {
    try {
      return parse();
    } catch (error) {
      throw new GpuException(GpuExceptionCode.TELEMETRY_UNAVAILABLE, `unreadable nvidia-smi output: ${(error as Error).message}`);
    }
  }
}
