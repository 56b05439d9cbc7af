import { Injectable } from '@nestjs/common';

import type { GpuDeviceInfo } from '../telemetry/gpu-telemetry.types.js';
import { GpuDeviceRepository, type DeviceSighting } from './gpu-device.repository.js';

/** Far above any real fleet; only a flood of made-up uuids through push ingest could reach it. */
const MAX_CACHED = 10_000;

/**
 * uuid → gpu_devices id, cached: ids never change once a row exists, so after the first batch a device costs no
 * round trip. Unknown uuids get a placeholder row (name "unknown") until a device entry describes them.
 */
@Injectable()
export class GpuDeviceDirectory {
  private readonly ids = new Map<string, string>();

  constructor(private readonly devices: GpuDeviceRepository) {}

  /** Stores device entries (always: their details may have changed) and caches their ids. */
  async register(devices: readonly GpuDeviceInfo[]): Promise<void> {
    this.remember(await this.devices.upsertDevices(devices));
  }

  /** The id of each sighted device (a sample's or an event's), creating placeholders for uuids never seen; uuid → id. */
  async resolve(sightings: readonly DeviceSighting[]): Promise<Map<string, string>> {
    const resolved = new Map<string, string>();
    const unknown: DeviceSighting[] = [];
    for (const sighting of sightings) {
      const id = this.ids.get(sighting.uuid);
      if (id === undefined) {
        unknown.push(sighting);
      } else {
        resolved.set(sighting.uuid, id);
      }
    }
    if (unknown.length > 0) {
      const created = await this.devices.ensureDevices(unknown);
      this.remember(created);
      created.forEach((id, uuid) => resolved.set(uuid, id));
    }
    return resolved;
  }

  /** The cached id of a uuid, if known. */
  idOf(uuid: string): string | undefined {
    return this.ids.get(uuid);
  }

  private remember(ids: Map<string, string>): void {
    if (this.ids.size + ids.size > MAX_CACHED) {
      this.ids.clear();
    }
    for (const [uuid, id] of ids) {
      this.ids.set(uuid, id);
    }
  }
}
