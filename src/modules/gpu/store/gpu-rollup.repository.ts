import { Injectable } from '@nestjs/common';

import { TransactionalConnection } from '../../database/index.js';

// Memory used as a share of the total the sample reports, else the device's; the two stats run over the same scan.
const ROLLUP = `
  WITH recent AS (
    SELECT s.device_id, date_trunc('minute', s.sampled_at) AS minute, s.utilization_ratio, s.power_watts,
           s.temperature_celsius, s.throttle_reasons,
           s.memory_used_bytes::float8 / NULLIF(COALESCE(s.memory_total_bytes, d.memory_total_bytes), 0) AS memory_ratio
      FROM gpu_samples s JOIN gpu_devices d ON d.id = s.device_id
     WHERE s.sampled_at >= $1 AND s.sampled_at < $2
  ),
  stats AS (
    SELECT device_id, minute, count(*)::int AS samples,
           min(utilization_ratio) AS util_min, avg(utilization_ratio) AS util_avg, max(utilization_ratio) AS util_max,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY utilization_ratio) AS util_p95,
           avg(memory_ratio) AS memory_used_ratio_avg, max(memory_ratio) AS memory_used_ratio_max,
           avg(power_watts) AS power_avg, max(power_watts) AS power_max, max(temperature_celsius) AS temperature_max
      FROM recent GROUP BY device_id, minute
  ),
  throttles AS (
    SELECT device_id, minute, jsonb_object_agg(reason, n) AS counts
      FROM (SELECT device_id, minute, reason, count(*)::int AS n
              FROM recent, unnest(throttle_reasons) AS reason GROUP BY device_id, minute, reason) per_reason
     GROUP BY device_id, minute
  ),
  upserted AS (
    INSERT INTO gpu_samples_1m (device_id, minute, samples, util_min, util_avg, util_max, util_p95,
                                memory_used_ratio_avg, memory_used_ratio_max, power_avg, power_max, temperature_max,
                                throttle_samples)
    SELECT stats.*, COALESCE(throttles.counts, '{}'::jsonb)
      FROM stats LEFT JOIN throttles USING (device_id, minute)
    ON CONFLICT (device_id, minute) DO UPDATE SET samples = EXCLUDED.samples, util_min = EXCLUDED.util_min,
      util_avg = EXCLUDED.util_avg, util_max = EXCLUDED.util_max, util_p95 = EXCLUDED.util_p95,
      memory_used_ratio_avg = EXCLUDED.memory_used_ratio_avg, memory_used_ratio_max = EXCLUDED.memory_used_ratio_max,
      power_avg = EXCLUDED.power_avg, power_max = EXCLUDED.power_max, temperature_max = EXCLUDED.temperature_max,
      throttle_samples = EXCLUDED.throttle_samples
    RETURNING 1
  )
  SELECT count(*)::int AS minutes FROM upserted`;

/** gpu_samples → gpu_samples_1m, and retention of both. */
@Injectable()
export class GpuRollupRepository {
  constructor(private readonly connection: TransactionalConnection) {}

  /**
   * (Re)computes the rollup of every device-minute with samples in [from, to), both on minute boundaries; a minute
   * computed again (late samples) is replaced. Returns the device-minutes written.
   */
  async rollup(from: Date, to: Date): Promise<number> {
    const [row] = await this.connection.manager.query<{ minutes: number }[]>(ROLLUP, [from, to]);
    return row?.minutes ?? 0;
  }

  /** Deletes raw samples older than `before`; returns how many. */
  deleteSamplesBefore(before: Date): Promise<number> {
    return this.deleteBefore('DELETE FROM gpu_samples WHERE sampled_at < $1', before);
  }

  /** Deletes rollups and events older than `before`; returns how many rollups. */
  async deleteRollupsBefore(before: Date): Promise<number> {
    await this.deleteBefore('DELETE FROM gpu_events WHERE at < $1', before);
    return this.deleteBefore('DELETE FROM gpu_samples_1m WHERE minute < $1', before);
  }

  private async deleteBefore(sql: string, before: Date): Promise<number> {
    const [, count] = await this.connection.manager.query<[unknown, number]>(sql, [before]);
    return count;
  }
}
