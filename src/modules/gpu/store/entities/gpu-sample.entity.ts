import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import { bigintAsNumber } from './bigint-as-number.js';

/**
 * One raw reading. The primary key (device_id, sampled_at) is the sample's identity, so ingest is idempotent with
 * ON CONFLICT DO NOTHING, and it also serves every per-device time-range read; sampled_at alone serves the rollup
 * and retention scans through a BRIN index: rows arrive in time order, so a BRIN index of a few pages replaces a
 * b-tree that every insert would have to update (about a sixth of the insert cost); TypeORM cannot declare BRIN,
 * so the migration creates it and schema sync leaves it alone.
 */
@Entity('gpu_samples')
@Index('ix_gpu_samples_sampled_at_brin', { synchronize: false })
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
