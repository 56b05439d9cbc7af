import { Injectable } from '@nestjs/common';

import { GpuException, GpuExceptionCode } from '../gpu.exception.js';
import type { GpuDeviceInfo, GpuSample } from '../telemetry/gpu-telemetry.types.js';
import { GpuDeviceDirectory } from './gpu-device-directory.service.js';
import { GpuLatestReadings } from './gpu-latest-readings.js';
import { GpuSamplePersister } from './gpu-sample-persister.service.js';
import { PrometheusGpuWriterMetrics } from './gpu-store.metrics.js';

/** At most this many samples per push; a larger batch is a 413, so agents split it. */
export const GPU_INGEST_MAX_SAMPLES = 5_000;

export interface IngestResult {
  accepted: number;
  stored: number;
  duplicates: number;
}

/** What a push client may leave out, completed to the store's shape (absent means "could not read": null). */
export type PushedSample = Partial<GpuSample> & Pick<GpuSample, 'uuid' | 'host' | 'sampledAt'>;
export type PushedDevice = Partial<GpuDeviceInfo> & Pick<GpuDeviceInfo, 'uuid' | 'host' | 'index' | 'name'>;

const completeSample = (s: PushedSample): GpuSample => ({
  uuid: s.uuid,
  host: s.host,
  sampledAt: s.sampledAt,
  utilizationRatio: s.utilizationRatio ?? null,
  memoryUtilizationRatio: s.memoryUtilizationRatio ?? null,
  memoryUsedBytes: s.memoryUsedBytes ?? null,
  memoryTotalBytes: s.memoryTotalBytes ?? null,
  powerWatts: s.powerWatts ?? null,
  temperatureCelsius: s.temperatureCelsius ?? null,
  smClockMhz: s.smClockMhz ?? null,
  memoryClockMhz: s.memoryClockMhz ?? null,
  throttleReasons: s.throttleReasons ?? [],
});

const completeDevice = (d: PushedDevice): GpuDeviceInfo => ({
  uuid: d.uuid,
  host: d.host,
  index: d.index,
  name: d.name,
  pciBusId: d.pciBusId ?? null,
  driverVersion: d.driverVersion ?? null,
  memoryTotalBytes: d.memoryTotalBytes ?? null,
  powerLimitWatts: d.powerLimitWatts ?? null,
  migEnabled: d.migEnabled ?? d.uuid.startsWith('MIG-'),
  parentUuid: d.parentUuid ?? null,
});

/**
 * Push ingest writes through, bypassing the writer's buffer: the 202 then means "stored", so an agent that got no
 * answer can resend and duplicates are counted exactly; a batch is one statement, and an outage is a 503 the agent
 * retries rather than samples held in this instance's memory on its behalf.
 */
@Injectable()
export class GpuIngestService {
  constructor(
    private readonly directory: GpuDeviceDirectory,
    private readonly metrics: PrometheusGpuWriterMetrics,
    private readonly persister: GpuSamplePersister,
    private readonly readings: GpuLatestReadings,
  ) {}

  async ingest(pushedDevices: readonly PushedDevice[], pushedSamples: readonly PushedSample[]): Promise<IngestResult> {
    if (pushedSamples.length > GPU_INGEST_MAX_SAMPLES) {
      throw new GpuException(
        GpuExceptionCode.TOO_MANY_SAMPLES,
        `${pushedSamples.length} samples in one request; at most ${GPU_INGEST_MAX_SAMPLES}: split the batch.`,
      );
    }
    const devices = pushedDevices.map(completeDevice);
    const samples = pushedSamples.map(completeSample);
    await this.directory.register(devices);
    const stored = await this.persister.write(samples);
    this.metrics.written(samples.length);
    this.readings.observe(devices, samples);
    return { accepted: samples.length, stored, duplicates: samples.length - stored };
  }
}
