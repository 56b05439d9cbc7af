import { Injectable } from '@nestjs/common';

import { TransactionalConnection } from '../../database/index.js';
import type { GpuDeviceView, GpuEventView, GpuMetricPointView, GpuProcessView, GpuSampleView } from './gpu-views.js';

const num = (value: string | number | null): number | null => (value === null ? null : Number(value));
const iso = (value: Date): string => value.toISOString();

const DEVICE_COLUMNS = `d.id, d.uuid, d.host, d.index, d.name, d.pci_bus_id, d.driver_version, d.memory_total_bytes,
  d.power_limit_watts, d.mig_enabled, d.parent_uuid, d.first_seen, d.last_seen, to_jsonb(latest) AS latest`;

// The newest sample through the primary key, read backwards: one index probe per device.
const LATEST = `LEFT JOIN LATERAL (
    SELECT sampled_at, utilization_ratio, memory_utilization_ratio, memory_used_bytes, memory_total_bytes, power_watts,
           temperature_celsius, sm_clock_mhz, mem_clock_mhz, throttle_reasons
      FROM gpu_samples s WHERE s.device_id = d.id ORDER BY s.sampled_at DESC LIMIT 1) latest ON true`;

const POINT_COLUMNS = `samples, util_min, util_avg, util_max, util_p95, mem_avg, mem_max, power_avg, power_max, temp_max`;

// Buckets of `step` seconds over rollups: averages weighted by samples; p95 is the highest minute p95 in the bucket
// (an upper bound: percentiles do not combine exactly, and a dashboard should not hide a hot minute).
const FROM_ROLLUPS = `
  SELECT to_timestamp(floor(extract(epoch FROM minute)::float8 / $4::float8) * $4::float8) AS at, sum(samples)::int AS samples,
         min(util_min) AS util_min, sum(util_avg * samples) / NULLIF(sum(samples) FILTER (WHERE util_avg IS NOT NULL), 0) AS util_avg,
         max(util_max) AS util_max, max(util_p95) AS util_p95,
         sum(memory_used_ratio_avg * samples) / NULLIF(sum(samples) FILTER (WHERE memory_used_ratio_avg IS NOT NULL), 0) AS mem_avg,
         max(memory_used_ratio_max) AS mem_max,
         sum(power_avg * samples) / NULLIF(sum(samples) FILTER (WHERE power_avg IS NOT NULL), 0) AS power_avg,
         max(power_max) AS power_max, max(temperature_max) AS temp_max
    FROM gpu_samples_1m WHERE device_id = $1 AND minute >= $2 AND minute < $3
   GROUP BY 1 ORDER BY 1`;

const FROM_SAMPLES = `
  SELECT to_timestamp(floor(extract(epoch FROM s.sampled_at)::float8 / $4::float8) * $4::float8) AS at, count(*)::int AS samples,
         min(s.utilization_ratio) AS util_min, avg(s.utilization_ratio) AS util_avg, max(s.utilization_ratio) AS util_max,
         percentile_cont(0.95) WITHIN GROUP (ORDER BY s.utilization_ratio) AS util_p95,
         avg(s.memory_used_bytes::float8 / NULLIF(COALESCE(s.memory_total_bytes, d.memory_total_bytes), 0)) AS mem_avg,
         max(s.memory_used_bytes::float8 / NULLIF(COALESCE(s.memory_total_bytes, d.memory_total_bytes), 0)) AS mem_max,
         avg(s.power_watts) AS power_avg, max(s.power_watts) AS power_max, max(s.temperature_celsius) AS temp_max
    FROM gpu_samples s JOIN gpu_devices d ON d.id = s.device_id
   WHERE s.device_id = $1 AND s.sampled_at >= $2 AND s.sampled_at < $3
   GROUP BY 1 ORDER BY 1`;

interface DeviceRow {
  id: string;
  uuid: string;
  host: string;
  index: number;
  name: string;
  pci_bus_id: string | null;
  driver_version: string | null;
  memory_total_bytes: string | null;
  power_limit_watts: number | null;
  mig_enabled: boolean;
  parent_uuid: string | null;
  first_seen: Date;
  last_seen: Date;
  latest: Record<string, unknown> | null;
}

type PointRow = Record<'at', Date> & Record<'samples', number> & Record<string, number | string | null>;

function toSampleView(latest: Record<string, unknown>): GpuSampleView {
  const n = (key: string): number | null => num(latest[key] as number | null);
  return {
    sampledAt: new Date(latest['sampled_at'] as string).toISOString(),
    utilizationRatio: n('utilization_ratio'),
    memoryUtilizationRatio: n('memory_utilization_ratio'),
    memoryUsedBytes: n('memory_used_bytes'),
    memoryTotalBytes: n('memory_total_bytes'),
    powerWatts: n('power_watts'),
    temperatureCelsius: n('temperature_celsius'),
    smClockMhz: n('sm_clock_mhz'),
    memoryClockMhz: n('mem_clock_mhz'),
    throttleReasons: (latest['throttle_reasons'] as string[] | null) ?? [],
  };
}

function toDeviceView(row: DeviceRow): GpuDeviceView {
  return {
    id: row.id,
    uuid: row.uuid,
    host: row.host,
    index: row.index,
    name: row.name,
    pciBusId: row.pci_bus_id,
    driverVersion: row.driver_version,
    memoryTotalBytes: num(row.memory_total_bytes),
    powerLimitWatts: row.power_limit_watts,
    migEnabled: row.mig_enabled,
    parentUuid: row.parent_uuid,
    firstSeen: iso(row.first_seen),
    lastSeen: iso(row.last_seen),
    latestSample: row.latest === null ? null : toSampleView(row.latest),
  };
}

function toPoint(row: PointRow): GpuMetricPointView {
  const n = (key: string): number | null => num(row[key] ?? null);
  return {
    at: iso(row.at),
    samples: row.samples,
    utilization: { min: n('util_min'), avg: n('util_avg'), max: n('util_max'), p95: n('util_p95') },
    memoryUsedRatio: { avg: n('mem_avg'), max: n('mem_max') },
    powerWatts: { avg: n('power_avg'), max: n('power_max') },
    temperatureCelsius: { max: n('temp_max') },
  };
}

/** The read side of the GPU store: devices with their latest sample, metric series, processes, events. */
@Injectable()
export class GpuReadRepository {
  constructor(private readonly connection: TransactionalConnection) {}

  /** Devices by uuid after `afterUuid`, at most `limit`. */
  async findDevices(limit: number, afterUuid?: string): Promise<GpuDeviceView[]> {
    const rows = await this.connection.manager.query<DeviceRow[]>(
      `SELECT ${DEVICE_COLUMNS} FROM gpu_devices d ${LATEST} WHERE ($1::text IS NULL OR d.uuid > $1) ORDER BY d.uuid LIMIT $2`,
      [afterUuid ?? null, limit],
    );
    return rows.map(toDeviceView);
  }

  async findDevice(id: string): Promise<GpuDeviceView | null> {
    const [row] = await this.connection.manager.query<DeviceRow[]>(`SELECT ${DEVICE_COLUMNS} FROM gpu_devices d ${LATEST} WHERE d.id = $1`, [id]);
    return row ? toDeviceView(row) : null;
  }

  /** Buckets of `step` seconds in [from, to), from the rollups or the raw samples. */
  async findMetricPoints(deviceId: string, from: Date, to: Date, step: number, source: 'rollup' | 'raw'): Promise<GpuMetricPointView[]> {
    const sql = source === 'rollup' ? FROM_ROLLUPS : FROM_SAMPLES;
    const rows = await this.connection.manager.query<PointRow[]>(`SELECT at, ${POINT_COLUMNS} FROM (${sql}) points`, [deviceId, from, to, step]);
    return rows.map(toPoint);
  }

  async findProcesses(deviceId: string): Promise<GpuProcessView[]> {
    const rows = await this.connection.manager.query<{ pid: number; process_name: string; used_memory_bytes: string | null; seen_at: Date }[]>(
      'SELECT pid, process_name, used_memory_bytes, seen_at FROM gpu_processes WHERE device_id = $1 ORDER BY used_memory_bytes DESC NULLS LAST, pid',
      [deviceId],
    );
    return rows.map((row) => ({ pid: row.pid, processName: row.process_name, usedMemoryBytes: num(row.used_memory_bytes), seenAt: iso(row.seen_at) }));
  }

  /** Events newest first, before the (at, id) position when given, filtered by device and kind. */
  async findEvents(filter: { deviceId?: string; kind?: string }, limit: number, before?: { at: string; id: string }): Promise<GpuEventView[]> {
    const rows = await this.connection.manager.query<{ id: string; device_id: string; uuid: string; at: Date; kind: 'throttle' | 'xid'; code: string; detail: string }[]>(
      `SELECT e.id, e.device_id, d.uuid, e.at, e.kind, e.code, e.detail
         FROM gpu_events e JOIN gpu_devices d ON d.id = e.device_id
        WHERE ($1::uuid IS NULL OR e.device_id = $1) AND ($2::text IS NULL OR e.kind = $2)
          AND ($3::timestamptz IS NULL OR (e.at, e.id) < ($3, $4::uuid))
        ORDER BY e.at DESC, e.id DESC LIMIT $5`,
      [filter.deviceId ?? null, filter.kind ?? null, before?.at ?? null, before?.id ?? null, limit],
    );
    return rows.map((row) => ({ id: row.id, deviceId: row.device_id, uuid: row.uuid, at: iso(row.at), kind: row.kind, code: row.code, detail: row.detail }));
  }
}
