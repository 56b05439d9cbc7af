import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A throttle reason starting or an Xid error on a device. (device_id, at, kind, code) identifies it: re-sent, kept once. */
@Entity('gpu_events')
@Index(['at', 'id'])
@Index(['deviceId', 'at'])
@Index(['deviceId', 'kind', 'code', 'at'], { unique: true })
export class GpuEventEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  deviceId!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  at!: Date;

  @Column({ type: 'varchar', length: 16 })
  kind!: 'throttle' | 'xid';

  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'text' })
  detail!: string;
}
