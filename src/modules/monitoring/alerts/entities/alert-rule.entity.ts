import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { WindowName } from '../../signals/request-stats.js';
import type { Aggregation, Signal } from '../../signals/signal.types.js';

export const COMPARATORS = ['>', '>=', '<', '<=', '==', '!='] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A condition on one signal (Prometheus alerting rule): true for `forMs` makes its alert fire. */
@Entity('alert_rules')
@Index(['createdAt', 'id'])
export class AlertRuleEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 128, unique: true })
  name!: string;

  @Column({ type: 'varchar', length: 48 })
  signal!: Signal;

  @Column({ type: 'varchar', length: 8 })
  aggregation!: Aggregation;

  @Column({ type: 'varchar', length: 4 })
  window!: WindowName;

  /** `http.*` only: one route template (absent: all routes). */
  @Column({ type: 'varchar', length: 256, nullable: true })
  route!: string | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  method!: string | null;

  /** `metric` only: the registry metric's name. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  metric!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  metricLabels!: Record<string, string>;

  @Column({ type: 'varchar', length: 2 })
  comparator!: Comparator;

  @Column({ type: 'double precision' })
  threshold!: number;

  @Column({ type: 'integer' })
  forMs!: number;

  @Column({ type: 'varchar', length: 8 })
  severity!: Severity;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  labels!: Record<string, string>;

  /** `summary`/`description` templates with `{{ $value }}` and `{{ $labels.name }}`. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  annotations!: Record<string, string>;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  channelIds!: string[];

  /** Overrides MONITORING_ALERT_REPEAT_INTERVAL_MS for this rule's group. */
  @Column({ type: 'integer', nullable: true })
  repeatIntervalMs!: number | null;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
