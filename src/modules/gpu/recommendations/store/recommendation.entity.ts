import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { Evidence, RuleId, Severity } from '../rules/rule.types.js';

export const RECOMMENDATION_STATUSES = ['open', 'dismissed', 'resolved'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

/**
 * One finding of one rule on one device, from when it first held until it stops holding (resolved). While it
 * holds, each evaluation refreshes it; a dismissed one keeps being refreshed but stays dismissed. At most one
 * unresolved row per (device, rule): the partial unique index makes concurrent evaluations unable to duplicate it.
 */
@Entity('recommendations')
@Index('uq_recommendations_device_id_rule_unresolved', ['deviceId', 'rule'], { unique: true, where: `"status" <> 'resolved'` })
@Index(['firstSeen', 'id'])
@Index(['status', 'firstSeen'])
export class RecommendationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** The telemetry store's device id (DeviceRef.id). */
  @Column({ type: 'varchar', length: 100 })
  deviceId!: string;

  @Column({ type: 'varchar', length: 32 })
  rule!: RuleId;

  @Column({ type: 'varchar', length: 8 })
  severity!: Severity;

  @Column({ type: 'varchar', length: 9 })
  status!: RecommendationStatus;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text' })
  detail!: string;

  @Column({ type: 'jsonb' })
  evidence!: Evidence;

  @Column({ type: 'timestamptz', precision: 3 })
  firstSeen!: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  lastSeen!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  dismissedAt!: Date | null;

  /** principalKey of who dismissed it (`key:<id>`, `user:<id>`). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  dismissedBy!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  dismissReason!: string | null;
}
