import { Injectable } from '@nestjs/common';

import { TransactionalConnection } from '../../database/index.js';
import { GpuSeriesSource, type DeviceRef, type MinuteRollup } from '../recommendations/gpu-series.types.js';

interface MinuteRow {
  minute: Date;
  samples: number;
  util_min: number | null;
  util_avg: number | null;
  util_max: number | null;
  util_p95: number | null;
  memory_used_ratio_avg: number | null;
  memory_used_ratio_max: number | null;
  power_avg: number | null;
  power_max: number | null;
  temperature_max: number | null;
  throttle_samples: Record<string, number>;
}

function toMinute(row: MinuteRow): MinuteRollup {
  return {
    minute: row.minute.toISOString(),
    samples: row.samples,
    utilization: { min: row.util_min, avg: row.util_avg, max: row.util_max, p95: row.util_p95 },
    memoryUsedRatio: { avg: row.memory_used_ratio_avg, max: row.memory_used_ratio_max },
    powerWatts: { avg: row.power_avg, max: row.power_max },
    temperatureCelsius: { max: row.temperature_max },
    throttleSamples: row.throttle_samples,
  };
}

/** The recommendation rules' view of the store: devices, their minute rollups, and Xid counts. */
@Injectable()
export class GpuSeriesRepository extends GpuSeriesSource {
  constructor(private readonly connection: TransactionalConnection) {
    super();
  }

  async devices(): Promise<DeviceRef[]> {
    const rows = await this.connection.manager.query<{ id: string; uuid: string; host: string; name: string; mig_enabled: boolean; memory_total_bytes: string | null }[]>(
      'SELECT id, uuid, host, name, mig_enabled, memory_total_bytes FROM gpu_devices ORDER BY uuid',
    );
    return rows.map((row) => ({
      id: row.id,
      uuid: row.uuid,
      host: row.host,
      name: row.name,
      migEnabled: row.mig_enabled,
      memoryTotalBytes: row.memory_total_bytes === null ? null : Number(row.memory_total_bytes),
    }));
  }

  async minutes(deviceId: string, from: Date, to: Date): Promise<MinuteRollup[]> {
    const rows = await this.connection.manager.query<MinuteRow[]>(
      `SELECT minute, samples, util_min, util_avg, util_max, util_p95, memory_used_ratio_avg, memory_used_ratio_max,
              power_avg, power_max, temperature_max, throttle_samples
         FROM gpu_samples_1m WHERE device_id = $1 AND minute >= $2 AND minute < $3 ORDER BY minute`,
      [deviceId, from, to],
    );
    return rows.map(toMinute);
  }

  async xidCounts(deviceId: string, from: Date, to: Date): Promise<Record<string, number>> {
    const rows = await this.connection.manager.query<{ code: string; n: number }[]>(
      `SELECT code, count(*)::int AS n FROM gpu_events WHERE device_id = $1 AND kind = 'xid' AND at >= $2 AND at < $3 GROUP BY code`,
      [deviceId, from, to],
    );
    return Object.fromEntries(rows.map((row) => [row.code, row.n]));
  }
}
