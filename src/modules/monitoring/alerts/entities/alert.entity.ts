import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { AlertStatus } from '../../notify/notification.types.js';

export const ALERT_STATES = ['pending', 'firing', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** What was last sent to one channel about this alert, so each channel is notified (and retried) on its own. */
export interface ChannelDelivery {
  status: AlertStatus;
  /** ISO-8601. */
  at: string;
}

/**
 * One activation of a rule: pending → firing → resolved. A resolved row stays as history; the rule's next
 * activation is a new row. A pending alert whose condition clears is deleted (it never existed for receivers).
 */
@Entity('alerts')
@Index(['ruleId', 'state'])
@Index(['activeAt', 'id'])
@Index(['state', 'activeAt'])
export class AlertEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  ruleId!: string;

  /** Stable hash of the rule id and the alert's labels (Alertmanager's fingerprint). */
  @Column({ type: 'varchar', length: 16 })
  fingerprint!: string;

  @Column({ type: 'varchar', length: 8 })
  state!: AlertState;

  /** The signal's value at the last evaluation that had one. */
  @Column({ type: 'double precision', nullable: true })
  value!: number | null;

  /** When the condition first held (start of pending). */
  @Column({ type: 'timestamptz', precision: 3 })
  activeAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  firedAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3 })
  lastEvaluatedAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastNotifiedAt!: Date | null;

  /** Per channel id: the status last delivered there. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  deliveries!: Record<string, ChannelDelivery>;

  @Column({ type: 'jsonb' })
  labels!: Record<string, string>;

  @Column({ type: 'jsonb' })
  annotations!: Record<string, string>;
}
