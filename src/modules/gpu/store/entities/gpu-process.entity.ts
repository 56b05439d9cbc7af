import { Column, Entity, PrimaryColumn } from 'typeorm';

import { bigintAsNumber } from './bigint-as-number.js';

/** The latest snapshot of processes holding memory on a device: replaced whole on every collection that names it. */
@Entity('gpu_processes')
export class GpuProcessEntity {
  @PrimaryColumn('uuid')
  deviceId!: string;

  @PrimaryColumn({ type: 'integer' })
  pid!: number;

  @Column({ type: 'varchar', length: 255 })
  processName!: string;

  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  usedMemoryBytes!: number | null;

  @Column({ type: 'timestamptz', precision: 3 })
  seenAt!: Date;
}
