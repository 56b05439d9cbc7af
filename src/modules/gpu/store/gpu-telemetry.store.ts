import { Injectable } from '@nestjs/common';

import type { GpuCollection } from '../telemetry/gpu-telemetry.types.js';
import { GpuActivityRepository, type ResolvedEvent, type ResolvedProcess } from './gpu-activity.repository.js';
import { GpuDeviceDirectory } from './gpu-device-directory.service.js';
import { GpuLatestReadings } from './gpu-latest-readings.js';
import { GpuSampleWriter } from './gpu-sample-writer.js';

/**
 * Where collectors hand what they read (the telemetry collector's sink). Samples, the bulk, go through the
 * batching writer and survive a database outage in its buffer; devices, processes and events are few per
 * collection and are written at once, so a failure there reaches the collector (which logs and tries next time).
 */
@Injectable()
export class GpuTelemetryStore {
  constructor(
    private readonly activity: GpuActivityRepository,
    private readonly directory: GpuDeviceDirectory,
    private readonly readings: GpuLatestReadings,
    private readonly writer: GpuSampleWriter,
  ) {}

  async accept(collection: GpuCollection): Promise<void> {
    this.readings.observe(collection.devices, collection.samples);
    this.writer.enqueue(collection.samples);
    await this.directory.register(collection.devices);
    const deviceIds = this.idsOf(collection.devices.map((device) => device.uuid));
    const processes: ResolvedProcess[] = [];
    for (const process of collection.processes) {
      const deviceId = this.directory.idOf(process.uuid);
      if (deviceId !== undefined) {
        processes.push({ deviceId, process });
      }
    }
    await this.activity.replaceProcesses(deviceIds, processes);
    await this.storeEvents(collection);
  }

  private async storeEvents(collection: GpuCollection): Promise<void> {
    const ids = await this.directory.resolve(collection.events.map((e) => ({ uuid: e.uuid, host: e.host, seenAt: e.at })));
    const events: ResolvedEvent[] = collection.events.flatMap((event) => {
      const deviceId = ids.get(event.uuid);
      return deviceId === undefined ? [] : [{ deviceId, event }];
    });
    await this.activity.insertEvents(events);
  }

  private idsOf(uuids: readonly string[]): string[] {
    return uuids.flatMap((uuid) => this.directory.idOf(uuid) ?? []);
  }
}
