import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** `name = value` (isEqual) or `name != value`; a label the alert lacks counts as the empty string. */
export interface SilenceMatcher {
  name: string;
  value: string;
  isEqual: boolean;
}

/** Mutes notifications of the alerts every matcher matches while `startsAt <= now < endsAt` (Alertmanager silence). */
@Entity('silences')
@Index(['createdAt', 'id'])
@Index(['endsAt'])
export class SilenceEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'jsonb' })
  matchers!: SilenceMatcher[];

  @Column({ type: 'timestamptz', precision: 3 })
  startsAt!: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  endsAt!: Date;

  @Column({ type: 'varchar', length: 200 })
  createdBy!: string;

  @Column({ type: 'varchar', length: 1000, default: '' })
  comment!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
