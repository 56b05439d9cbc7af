import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { TransactionalConnection } from '../../database/index.js';
import type { GpuDeviceInfo } from '../telemetry/gpu-telemetry.types.js';

/** What a sample alone says about a device it names: enough for a placeholder row until a device entry arrives. */
export interface DeviceSighting {
  uuid: string;
  host: string;
  seenAt: string;
}

const UPSERT_DEVICES = `
  INSERT INTO gpu_devices (id, uuid, host, index, name, pci_bus_id, driver_version, memory_total_bytes,
                           power_limit_watts, mig_enabled, parent_uuid, first_seen, last_seen)
  SELECT *, now(), now()
    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::integer[], $5::text[], $6::text[], $7::text[], $8::bigint[],
                $9::real[], $10::boolean[], $11::text[])
  ON CONFLICT (uuid) DO UPDATE SET host = EXCLUDED.host, index = EXCLUDED.index, name = EXCLUDED.name,
    pci_bus_id = EXCLUDED.pci_bus_id, driver_version = EXCLUDED.driver_version,
    memory_total_bytes = EXCLUDED.memory_total_bytes, power_limit_watts = EXCLUDED.power_limit_watts,
    mig_enabled = EXCLUDED.mig_enabled, parent_uuid = EXCLUDED.parent_uuid, last_seen = EXCLUDED.last_seen
  RETURNING id, uuid`;

// A placeholder never overwrites what a device entry said; it only proves the device still reports.
const ENSURE_DEVICES = `
  INSERT INTO gpu_devices (id, uuid, host, index, name, mig_enabled, first_seen, last_seen)
  SELECT id, uuid, host, -1, 'unknown', uuid LIKE 'MIG-%', seen, seen
    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) AS s(id, uuid, host, seen)
  ON CONFLICT (uuid) DO UPDATE SET last_seen = greatest(gpu_devices.last_seen, EXCLUDED.last_seen)
  RETURNING id, uuid`;

const toMap = (rows: { id: string; uuid: string }[]): Map<string, string> => new Map(rows.map((row) => [row.uuid, row.id]));

function lastPerUuid<T extends { uuid: string }>(items: readonly T[]): T[] {
  return [...new Map(items.map((item) => [item.uuid, item])).values()];
}

/** gpu_devices: upserts keyed by the device uuid, answering uuid → id. */
@Injectable()
export class GpuDeviceRepository {
  constructor(private readonly connection: TransactionalConnection) {}

  /** Stores what a source reported about each device (the latest entry wins); returns uuid → id. */
  async upsertDevices(devices: readonly GpuDeviceInfo[]): Promise<Map<string, string>> {
    // ON CONFLICT DO UPDATE cannot touch one row twice in a statement: one entry per uuid.
    const unique = lastPerUuid(devices);
    if (unique.length === 0) {
      return new Map();
    }
    const rows = await this.connection.manager.query<{ id: string; uuid: string }[]>(UPSERT_DEVICES, [
      unique.map(() => randomUUID()),
      unique.map((d) => d.uuid),
      unique.map((d) => d.host),
      unique.map((d) => d.index),
      unique.map((d) => d.name),
      unique.map((d) => d.pciBusId),
      unique.map((d) => d.driverVersion),
      unique.map((d) => (d.memoryTotalBytes === null ? null : Math.round(d.memoryTotalBytes))),
      unique.map((d) => d.powerLimitWatts),
      unique.map((d) => d.migEnabled),
      unique.map((d) => d.parentUuid),
    ]);
    return toMap(rows);
  }

  /** Makes sure a row exists for each sighted uuid (a placeholder when none does); returns uuid → id. */
  async ensureDevices(sightings: readonly DeviceSighting[]): Promise<Map<string, string>> {
    const unique = lastPerUuid(sightings);
    if (unique.length === 0) {
      return new Map();
    }
    const rows = await this.connection.manager.query<{ id: string; uuid: string }[]>(ENSURE_DEVICES, [
      unique.map(() => randomUUID()),
      unique.map((s) => s.uuid),
      unique.map((s) => s.host),
      unique.map((s) => s.seenAt),
    ]);
    return toMap(rows);
  }
}
