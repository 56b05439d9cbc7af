import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { AutoOptimizeRequest, TuningRequest } from '../plan/tuning-request.js';
import type { TuningRunResult } from './tuning-run-result.js';

export const TUNING_RUN_KINDS = ['benchmark', 'auto-optimize'] as const;
export type TuningRunKind = (typeof TUNING_RUN_KINDS)[number];
export type TuningRunStatus = 'queued' | 'running' | 'completed' | 'failed';

/** One benchmark or auto-optimise run of a model: what was asked, and, once done, every measurement and decision. */
@Entity('gpu_tuning_runs')
@Index(['createdAt', 'id'])
@Index(['modelId', 'createdAt', 'id'])
export class TuningRunEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: TuningRunKind;

  @Column({ type: 'uuid' })
  modelId!: string;

  /** The pg-boss job running it (progress at /v1/gpu/tuning-runs/:id/events). */
  @Column({ type: 'uuid', nullable: true })
  jobId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: TuningRunStatus;

  @Column({ type: 'jsonb' })
  request!: TuningRequest | AutoOptimizeRequest;

  @Column({ type: 'jsonb', nullable: true })
  result!: TuningRunResult | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  error!: string | null;

  @Column({ type: 'varchar', length: 200 })
  createdBy!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  completedAt!: Date | null;
}
