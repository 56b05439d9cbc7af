import { Injectable } from '@nestjs/common';

import { TransactionalConnection } from '../../database/index.js';
import { GpuDeviceMemorySource, type DeviceMemory } from '../estimates/index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The memory estimator's view of a device: total and used bytes of its latest sample (total from the device else).
 * `deviceId` is the id `/v1/gpu/devices` lists, or the GPU's own uuid (`GPU-…`, `MIG-…`) as nvidia-smi prints it.
 */
@Injectable()
export class GpuDeviceMemoryRepository extends GpuDeviceMemorySource {
  constructor(private readonly connection: TransactionalConnection) {
    super();
  }

  async memoryOf(deviceId: string): Promise<DeviceMemory | null> {
    const [row] = await this.connection.manager.query<{ total: number | null; used: number | null }[]>(
      `SELECT COALESCE(s.memory_total_bytes, d.memory_total_bytes)::float8 AS total, s.memory_used_bytes::float8 AS used
         FROM gpu_devices d
         LEFT JOIN LATERAL (SELECT memory_total_bytes, memory_used_bytes FROM gpu_samples
                             WHERE device_id = d.id ORDER BY sampled_at DESC LIMIT 1) s ON true
        WHERE d.id = $1 OR d.uuid = $2`,
      [UUID.test(deviceId) ? deviceId : null, deviceId],
    );
    // A device that never reported its memory cannot answer "does it fit": the same as unknown to the estimator.
    if (!row || row.total === null) {
      return null;
    }
    return { id: deviceId, memoryTotalBytes: row.total, memoryUsedBytes: row.used ?? 0 };
  }
}
