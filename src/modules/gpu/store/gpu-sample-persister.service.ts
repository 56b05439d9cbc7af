import { Injectable } from '@nestjs/common';

import type { GpuSample } from '../telemetry/gpu-telemetry.types.js';
import { GpuDeviceDirectory } from './gpu-device-directory.service.js';
import type { ResolvedSample } from './gpu-sample-columns.util.js';
import { GpuSampleRepository } from './gpu-sample.repository.js';

/** Where the sample writer and push ingest store a batch: device ids resolved, then one insert. */
export abstract class GpuSampleSink {
  /** Stores the batch or throws; returns how many rows were new (the rest were duplicates). */
  abstract write(samples: readonly GpuSample[]): Promise<number>;
}

@Injectable()
export class GpuSamplePersister implements GpuSampleSink {
  constructor(
    private readonly directory: GpuDeviceDirectory,
    private readonly samples: GpuSampleRepository,
  ) {}

  async write(samples: readonly GpuSample[]): Promise<number> {
    const ids = await this.directory.resolve(samples.map((s) => ({ uuid: s.uuid, host: s.host, seenAt: s.sampledAt })));
    const rows: ResolvedSample[] = [];
    for (const sample of samples) {
      const deviceId = ids.get(sample.uuid);
      // resolve() has just stored every uuid it did not know, so a miss is a bug, not bad input.
      if (deviceId === undefined) {
        throw new Error(`no device id for ${sample.uuid}`);
      }
      rows.push({ deviceId, sample });
    }
    return this.samples.insertSamples(rows);
  }
}
