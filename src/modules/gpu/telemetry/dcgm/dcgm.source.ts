import { AppConfig } from '@app/config';
import { Injectable } from '@nestjs/common';

import { GpuException, GpuExceptionCode } from '../../gpu.exception.js';
import type { GpuCollection, TelemetryCapability } from '../gpu-telemetry.types.js';
import { TelemetrySource } from '../gpu-telemetry.types.js';
import { HostInfo } from '../host-info.js';
import { mapDcgmSamples } from './dcgm-collection.mapper.js';
import { MetricsFetcher, ResponseTooLargeError } from './metrics-fetcher.js';
import { parsePrometheusText } from './prometheus-text.parser.js';

/** A dcgm-exporter scrape of a large node is ~100 KiB; 8 MiB bounds a wrong URL pointing at something huge. */
const MAX_SCRAPE_BYTES = 8 * 1024 * 1024;

/** GPUs as NVIDIA's dcgm-exporter reports them (GPU_DCGM_URL), including MIG instances and Xid errors. */
@Injectable()
export class DcgmSource extends TelemetrySource {
  readonly name = 'dcgm' as const;

  constructor(
    private readonly config: AppConfig,
    private readonly fetcher: MetricsFetcher,
    private readonly host: HostInfo,
  ) {
    super();
  }

  async probe(): Promise<TelemetryCapability> {
    const url = this.config.gpu.dcgmUrl;
    if (url === undefined) {
      return { source: this.name, available: false, reason: 'GPU_DCGM_URL is not set', details: {} };
    }
    try {
      const collection = await this.collect();
      const gpus = collection.devices.filter((device) => device.parentUuid === null).length;
      return { source: this.name, available: true, reason: null, details: { url, deviceCount: gpus, migInstanceCount: collection.devices.length - gpus } };
    } catch (error) {
      return { source: this.name, available: false, reason: (error as Error).message, details: { url } };
    }
  }

  async collect(): Promise<GpuCollection> {
    const url = this.config.gpu.dcgmUrl;
    if (url === undefined) {
      throw new GpuException(GpuExceptionCode.TELEMETRY_UNAVAILABLE, 'GPU_DCGM_URL is not set');
    }
    const sampledAt = this.host.now().toISOString();
    const text = await this.scrape(url);
    const parsed = parsePrometheusText(text);
    if (parsed.samples.length === 0 && parsed.malformedLines > 0) {
      throw new GpuException(GpuExceptionCode.TELEMETRY_UNAVAILABLE, `dcgm-exporter at ${url} did not answer in the Prometheus text format`);
    }
    return mapDcgmSamples(parsed.samples, { fallbackHost: this.host.hostname(), sampledAt });
  }

  private async scrape(url: string): Promise<string> {
    // The one collection timeout in config: named for nvidia-smi, it bounds a dcgm-exporter scrape the same way.
    const timeoutMs = this.config.gpu.nvidiaSmi.timeoutMs;
    let answer;
    try {
      answer = await this.fetcher.fetchText(url, timeoutMs, MAX_SCRAPE_BYTES);
    } catch (error) {
      throw new GpuException(GpuExceptionCode.TELEMETRY_UNAVAILABLE, `dcgm-exporter at ${url} ${describe(error, timeoutMs)}`);
    }
    if (answer.status !== 200) {
      throw new GpuException(GpuExceptionCode.TELEMETRY_UNAVAILABLE, `dcgm-exporter at ${url} answered HTTP ${answer.status}`);
    }
    return answer.body;
  }
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof ResponseTooLargeError) {
    return error.message;
  }
  if ((error as Error).name === 'TimeoutError') {
    return `is unreachable: no answer within ${timeoutMs} ms`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return `is unreachable: ${cause?.code ?? cause?.message ?? (error as Error).message}`;
}
