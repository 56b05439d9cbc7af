import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { TransactionalConnection } from '../../database/index.js';
import type { GpuEvent, GpuProcess } from '../telemetry/gpu-telemetry.types.js';

const INSERT_PROCESSES = `
  INSERT INTO gpu_processes (device_id, pid, process_name, used_memory_bytes, seen_at)
  SELECT *, now() FROM unnest($1::uuid[], $2::integer[], $3::text[], $4::bigint[])
  ON CONFLICT (device_id, pid) DO UPDATE SET process_name = EXCLUDED.process_name,
    used_memory_bytes = EXCLUDED.used_memory_bytes, seen_at = EXCLUDED.seen_at`;

const INSERT_EVENTS = `
  WITH inserted AS (
    INSERT INTO gpu_events (id, device_id, at, kind, code, detail)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[], $5::text[], $6::text[])
    ON CONFLICT (device_id, kind, code, at) DO NOTHING
    RETURNING 1
  )
  SELECT count(*)::int AS inserted FROM inserted`;

export interface ResolvedProcess {
  deviceId: string;
  process: GpuProcess;
}

export interface ResolvedEvent {
  deviceId: string;
  event: GpuEvent;
}

/** Processes (the latest snapshot per device) and events (append-only, idempotent per device, kind, code, at). */
@Injectable()
export class GpuActivityRepository {
  constructor(private readonly connection: TransactionalConnection) {}

  /** Replaces the process lists of `deviceIds` with `processes` (a device with none ends up with none). */
  replaceProcesses(deviceIds: readonly string[], processes: readonly ResolvedProcess[]): Promise<void> {
    if (deviceIds.length === 0) {
      return Promise.resolve();
    }
    return this.connection.transaction(async (manager) => {
      await manager.query('DELETE FROM gpu_processes WHERE device_id = ANY($1::uuid[])', [deviceIds]);
      if (processes.length > 0) {
        await manager.query(INSERT_PROCESSES, [
          processes.map((p) => p.deviceId),
          processes.map((p) => p.process.pid),
          processes.map((p) => p.process.processName.slice(0, 255)),
          processes.map((p) => (p.process.usedMemoryBytes === null ? null : Math.round(p.process.usedMemoryBytes))),
        ]);
      }
    });
  }

  /** Stores events not stored before; returns how many were new. */
  async insertEvents(events: readonly ResolvedEvent[]): Promise<number> {
    if (events.length === 0) {
      return 0;
    }
    const [row] = await this.connection.manager.query<{ inserted: number }[]>(INSERT_EVENTS, [
      events.map(() => randomUUID()),
      events.map((e) => e.deviceId),
      events.map((e) => e.event.at),
      events.map((e) => e.event.kind),
      events.map((e) => e.event.code.slice(0, 64)),
      events.map((e) => e.event.detail),
    ]);
    return row?.inserted ?? 0;
  }
}
