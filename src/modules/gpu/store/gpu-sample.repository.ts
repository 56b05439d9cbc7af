import { Injectable } from '@nestjs/common';

import { TransactionalConnection } from '../../database/index.js';
import { THROTTLE_SEPARATOR, toSampleColumns, type ResolvedSample } from './gpu-sample-columns.util.js';

const INSERT_SAMPLES = `
  WITH inserted AS (
    INSERT INTO gpu_samples (device_id, sampled_at, utilization_ratio, memory_utilization_ratio, memory_used_bytes,
                             memory_total_bytes, power_watts, temperature_celsius, sm_clock_mhz, mem_clock_mhz,
                             throttle_reasons)
    SELECT d, t, u, mu, mub, mtb, p, tc, sm, mc, COALESCE(string_to_array(NULLIF(tr, ''), chr(${THROTTLE_SEPARATOR.charCodeAt(0)})), '{}')
      FROM unnest($1::uuid[], $2::timestamptz[], $3::real[], $4::real[], $5::bigint[], $6::bigint[], $7::real[],
                  $8::real[], $9::integer[], $10::integer[], $11::text[]) AS s(d, t, u, mu, mub, mtb, p, tc, sm, mc, tr)
    ON CONFLICT (device_id, sampled_at) DO NOTHING
    RETURNING 1
  )
  SELECT count(*)::int AS inserted FROM inserted`;

/** Raw samples: one statement per batch, idempotent on (device_id, sampled_at). */
@Injectable()
export class GpuSampleRepository {
  constructor(private readonly connection: TransactionalConnection) {}

  /** Inserts the batch in one round trip; returns how many rows were new (the rest were already stored). */
  async insertSamples(rows: readonly ResolvedSample[]): Promise<number> {
    if (rows.length === 0) {
      return 0;
    }
    const [result] = await this.connection.manager.query<{ inserted: number }[]>(INSERT_SAMPLES, toSampleColumns(rows));
    return result?.inserted ?? 0;
  }
}
