import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import { bigintAsNumber } from './bigint-as-number.js';

/**
 * One raw reading. The primary key (device_id, sampled_at) is the sample's identity, so ingest is idempotent with
 * ON CONFLICT DO NOTHING, and it also serves every per-device time-range read; sampled_at alone serves the rollup
 * and retention scans.
 */
@Entity('gpu_samples')
@Index(['sampledAt'])
export class GpuSampleEntity {
  @PrimaryColumn('uuid')
  deviceId!: string;

  @PrimaryColumn({ type: 'timestamptz', precision: 3 })
  sampledAt!: Date;

  @Column({ type: 'real', nullable: true })
  utilizationRatio!: number | null;

  @Column({ type: 'real', nullable: true })
  memoryUtilizationRatio!: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  memoryUsedBytes!: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  memoryTotalBytes!: number | null;

  @Column({ type: 'real', nullable: true })
  powerWatts!: number | null;

  @Column({ type: 'real', nullable: true })
  temperatureCelsius!: number | null;

  @Column({ type: 'integer', nullable: true })
  smClockMhz!: number | null;

  @Column({ type: 'integer', nullable: true })
  memClockMhz!: number | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  throttleReasons!: string[];
}
