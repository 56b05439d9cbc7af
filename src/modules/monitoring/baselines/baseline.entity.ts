import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { WindowName } from '../signals/request-stats.js';
import type { BaselineRoute } from './baseline-route.js';

/**
 * What "good" looked like at one moment: every route's p95, p99 and error rate over a sliding window. The routes are
 * one jsonb document rather than a child table: a baseline is an immutable snapshot, always written and read whole,
 * never queried by route across baselines, and its size is bounded by the app's route templates; one row keeps
 * capture atomic and deletion trivial.
 */
@Entity('baselines')
@Index(['createdAt', 'id'])
@Index(['activatedAt', 'id'])
export class BaselineEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Optional label, e.g. the release it describes. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  name!: string | null;

  /** The sliding window the figures cover. */
  @Column({ type: 'varchar', length: 4 })
  window!: WindowName;

  @Column({ type: 'jsonb' })
  routes!: BaselineRoute[];

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  /** Capture counts as activation; the most recently activated baseline is the active one. */
  @Column({ type: 'timestamptz', precision: 3 })
  activatedAt!: Date;
}
