import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What a running job last said about itself: how far along it is and what it is doing. One row per job. */
@Entity('job_progress')
export class JobProgressEntity {
  @PrimaryColumn('uuid')
  jobId!: string;

  @Column({ type: 'varchar', length: 100 })
  queue!: string;

  /** 0–100. */
  @Column({ type: 'smallint' })
  percent!: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  message!: string | null;

  @Column({ type: 'timestamp with time zone', precision: 3 })
  updatedAt!: Date;
}
