import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import { bigintAsNumber } from './bigint-as-number.js';

/** A GPU (or MIG instance) seen by a collector or push ingest; `uuid` is its identity across hosts and restarts. */
@Entity('gpu_devices')
@Index(['host', 'index'])
export class GpuDeviceEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 100 })
  uuid!: string;

  @Column({ type: 'varchar', length: 255 })
  host!: string;

  /** Position on its host as nvidia-smi numbers it; -1 when only a sample (no device entry) named the device. */
  @Column({ type: 'integer' })
  index!: number;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  pciBusId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  driverVersion!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  memoryTotalBytes!: number | null;

  @Column({ type: 'real', nullable: true })
  powerLimitWatts!: number | null;

  @Column({ type: 'boolean', default: false })
  migEnabled!: boolean;

  @Column({ type: 'varchar', length: 100, nullable: true })
  parentUuid!: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  firstSeen!: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  lastSeen!: Date;
}
